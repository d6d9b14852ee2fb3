using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Stores the Data Protection key ring in <c>platform.data_protection_keys</c>. (The EF Core
/// package for this is not in our registry, and the table is two columns.) Keys are stored
/// unencrypted, like the file-system default: protect the database and its backups.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    // The interface is synchronous; it is called rarely (start-up, key rotation every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM platform.data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand(
            "INSERT INTO platform.data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, now())");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
