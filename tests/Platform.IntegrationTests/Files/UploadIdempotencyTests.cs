using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Files;

/// <summary>
/// An upload sent again with the same Idempotency-Key (a client retrying after a lost answer, the gateway retrying
/// after a node failed) gives the first upload's file: one file, one charge, one stored object.
/// </summary>
public sealed class UploadIdempotencyTests(FilesApp app) : IClassFixture<FilesApp>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string key, string name, byte[] content, bool multipart = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, multipart ? "/api/v1/files" : $"/api/v1/files?name={name}");
        if (multipart)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(content), "file", name);
            request.Content = form;
        }
        else
        {
            request.Content = new ByteArrayContent(content);
        }
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_retried_upload_answers_with_the_first_file_and_stores_and_charges_once()
    {
        var org = await app.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var content = FileApi.RandomBytes(250_000);

        var first = await Http.ReadAsync<FileDto>(await UploadAsync(org.Admin.Client, key, "report.pdf", content), HttpStatusCode.Created);
        var retry = await UploadAsync(org.Admin.Client, key, "report.pdf", content, multipart: true);
        var replayed = await Http.ReadAsync<FileDto>(retry, HttpStatusCode.Created);

        Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal($"/api/v1/files/{first.Id}", retry.Headers.Location?.ToString());
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal(first.Sha256, replayed.Sha256);
        Assert.Equal(new UsageDto(250_000, 100L * 1024 * 1024 * 1024, 1), await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"));
        Assert.Single(await app.KeysAsync(org.Id));

        // A new key is a new upload.
        var other = await Http.ReadAsync<FileDto>(await UploadAsync(org.Admin.Client, Guid.NewGuid().ToString(), "report.pdf", content), HttpStatusCode.Created);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Uploads_racing_with_one_key_all_get_the_same_file_and_the_losers_bytes_are_dropped()
    {
        var org = await app.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var content = FileApi.RandomBytes(400_000, seed: 7);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => UploadAsync(org.Admin.Client, key, "scan.png", content)));
        var files = new List<FileDto>();
        foreach (var response in responses)
            files.Add(await Http.ReadAsync<FileDto>(response, HttpStatusCode.Created));

        Assert.Single(files.Select(f => f.Id).Distinct());
        Assert.Single(await app.KeysAsync(org.Id));
        Assert.Equal(new UsageDto(400_000, 100L * 1024 * 1024 * 1024, 1), await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"));
    }

    [Fact]
    public async Task A_key_is_the_callers_own_and_a_bad_key_is_refused_before_the_body_is_stored()
    {
        var org = await app.CreateOrganizationAsync();
        var colleague = await org.AddMemberAsync();
        var key = Guid.NewGuid().ToString();
        var mine = await Http.ReadAsync<FileDto>(await UploadAsync(org.Admin.Client, key, "a.txt", FileApi.RandomBytes(1000)), HttpStatusCode.Created);
        // The same key from someone else is their own upload, not a look at mine.
        var theirs = await Http.ReadAsync<FileDto>(await UploadAsync(colleague.Client, key, "b.txt", FileApi.RandomBytes(1000, seed: 2)), HttpStatusCode.Created);
        Assert.NotEqual(mine.Id, theirs.Id);

        var problem = await Http.ProblemAsync(await UploadAsync(org.Admin.Client, new string('k', 201), "c.txt", FileApi.RandomBytes(1000)), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "Idempotency-Key"));
        Assert.Equal(2, (await app.KeysAsync(org.Id)).Count);
    }
}
