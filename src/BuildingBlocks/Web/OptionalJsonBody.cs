using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// The one way an endpoint reads a body that may be absent (a bare POST is allowed). A body that is
/// not JSON, not an object of the expected shape, or nested too deeply is the client's mistake:
/// it becomes a 400 problem naming the body, never a JsonException that surfaces as a 500.
/// </summary>
public static class OptionalJsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        if (!http.HasJsonContentType() || http.ContentLength == 0)
            return (null, null);
        try
        {
            return (await http.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException ex)
        {
            // JsonException's message names the JSON path and position, and nothing of the server.
            return (null, Problems.Invalid("body", $"is not a valid JSON object for this operation: {ex.Message}"));
        }
    }
}
