using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Files;

/// <summary>Upload and download through the API, the same on every storage backend (the subclasses below).</summary>
public abstract class FileTransferContract(FilesApp app)
{
    protected FilesApp App => app;

    [Fact]
    public async Task A_multipart_upload_returns_id_and_hashes_and_downloads_byte_for_byte()
    {
        var org = await app.CreateOrganizationAsync();
        var content = FileApi.RandomBytes(300_000);
        var file = await FileApi.UploadAsync(org.Admin.Client, "Quarterly report.pdf", content);

        Assert.Equal("Quarterly report.pdf", file.Name);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(content.Length, file.Length);
        Assert.Equal(FileApi.Sha256(content), file.Sha256);
        Assert.Equal(FileApi.Md5(content), file.Md5);
        Assert.Equal(org.Admin.Id, file.UploadedBy);
        Assert.False(file.Attached);
        Assert.Equal($"/api/v1/files/{file.Id}/content", file.ContentUrl);

        var download = await org.Admin.Client.GetAsync(file.ContentUrl);
        await Http.EnsureStatusAsync(download, HttpStatusCode.OK);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{file.Sha256}\"", download.Headers.ETag?.Tag);
        Assert.Equal("bytes", string.Join(",", download.Headers.AcceptRanges));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("attachment; filename=\"Quarterly report.pdf\"; filename*=UTF-8''Quarterly%20report.pdf",
            download.Content.Headers.GetValues("Content-Disposition").Single());

        var metadata = await org.Admin.Client.GetFromJsonAsync<FileDto>($"/api/v1/files/{file.Id}");
        Assert.Equal(file.Sha256, metadata!.Sha256);
        Assert.Contains(ObjectKeysFor(org.Id, file.Id), await app.KeysAsync(org.Id));
    }

    [Fact]
    public async Task A_raw_upload_takes_its_name_from_the_query_or_content_disposition_and_refuses_a_nameless_body()
    {
        var org = await app.CreateOrganizationAsync();
        var content = FileApi.RandomBytes(10_000, seed: 2);
        var byQuery = await Http.ReadAsync<FileDto>(await FileApi.UploadRawAsync(org.Admin.Client, "data.csv", content), HttpStatusCode.Created);
        Assert.Equal("data.csv", byQuery.Name);
        Assert.Equal("text/csv", byQuery.ContentType);
        Assert.Equal(FileApi.Sha256(content), byQuery.Sha256);

        var body = new ByteArrayContent(content);
        body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "Отчёт №5.txt" };
        var byHeader = await Http.ReadAsync<FileDto>(await org.Admin.Client.PostAsync("/api/v1/files", body), HttpStatusCode.Created);
        Assert.Equal("Отчёт №5.txt", byHeader.Name);
        var download = await org.Admin.Client.GetAsync(byHeader.ContentUrl);
        Assert.Equal("attachment; filename=\"_____ _5.txt\"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%E2%84%965.txt",
            download.Content.Headers.GetValues("Content-Disposition").Single());

        var nameless = await Http.ProblemAsync(await org.Admin.Client.PostAsync("/api/v1/files", new ByteArrayContent(content)), HttpStatusCode.BadRequest);
        Assert.Contains("file name", Http.FieldErrors(nameless, "name").Single());
        var noFilePart = new MultipartFormDataContent { { new StringContent("just text"), "comment" } };
        await Http.ProblemAsync(await org.Admin.Client.PostAsync("/api/v1/files", noFilePart), HttpStatusCode.BadRequest);

        // A multipart body cut off before its closing boundary: 400 naming the body, and nothing stored.
        var truncated = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(
            "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.bin\"\r\n\r\nsome bytes but no end"));
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b1");
        var cut = await Http.ProblemAsync(await org.Admin.Client.PostAsync("/api/v1/files", truncated), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(cut, "body"));
        Assert.Equal(2, (await App.KeysAsync(org.Id)).Count);
    }

    [Fact]
    public async Task Empty_files_are_files()
    {
        var org = await app.CreateOrganizationAsync();
        var file = await FileApi.UploadAsync(org.Admin.Client, "empty.txt", []);
        Assert.Equal(0, file.Length);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", file.Sha256);
        var download = await org.Admin.Client.GetAsync(file.ContentUrl);
        await Http.EnsureStatusAsync(download, HttpStatusCode.OK);
        Assert.Empty(await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_and_conditional_requests_are_answered_from_the_sha256_etag()
    {
        var org = await app.CreateOrganizationAsync();
        var content = FileApi.RandomBytes(100_000, seed: 3);
        var file = await FileApi.UploadAsync(org.Admin.Client, "video.mp4", content);
        var client = org.Admin.Client;

        var middle = await SendAsync(client, file.ContentUrl, r => r.Headers.Range = new RangeHeaderValue(1000, 1999));
        await Http.EnsureStatusAsync(middle, HttpStatusCode.PartialContent);
        Assert.Equal(content[1000..2000], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/100000", middle.Content.Headers.ContentRange?.ToString());

        var suffix = await SendAsync(client, file.ContentUrl, r => r.Headers.Range = new RangeHeaderValue(null, 10));
        await Http.EnsureStatusAsync(suffix, HttpStatusCode.PartialContent);
        Assert.Equal(content[^10..], await suffix.Content.ReadAsByteArrayAsync());

        var openEnded = await SendAsync(client, file.ContentUrl, r => r.Headers.Range = new RangeHeaderValue(99_990, null));
        Assert.Equal(content[99_990..], await openEnded.Content.ReadAsByteArrayAsync());

        var beyond = await SendAsync(client, file.ContentUrl, r => r.Headers.Range = new RangeHeaderValue(200_000, null));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal("bytes */100000", beyond.Content.Headers.ContentRange?.ToString());

        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        var notModified = await SendAsync(client, file.ContentUrl, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Resuming with the right validator gets the rest; with a stale one, the whole (changed) file.
        var resumed = await SendAsync(client, file.ContentUrl, r =>
        {
            r.Headers.Range = new RangeHeaderValue(50_000, null);
            r.Headers.IfRange = new RangeConditionHeaderValue(etag);
        });
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        var stale = await SendAsync(client, file.ContentUrl, r =>
        {
            r.Headers.Range = new RangeHeaderValue(50_000, null);
            r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"something-else\""));
        });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(content.Length, (await stale.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Uploads_over_the_size_limit_get_413_and_leave_nothing_behind()
    {
        var org = await app.CreateOrganizationAsync();
        var tooBig = FileApi.RandomBytes((int)FilesApp.MaxUploadBytes + 1, seed: 4);

        var declared = await Http.ProblemAsync(await FileApi.UploadRawAsync(org.Admin.Client, "big.bin", tooBig), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(FilesApp.MaxUploadBytes, declared.GetProperty("maxBytes").GetInt64());

        // Without a length up front (chunked, or multipart): stopped while streaming.
        var chunked = new StreamContent(new MemoryStream(tooBig));
        chunked.Headers.ContentLength = null;
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files?name=big.bin") { Content = chunked })
        {
            request.Headers.TransferEncodingChunked = true;
            await Http.ProblemAsync(await org.Admin.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        }

        await Http.ProblemAsync(await FileApi.UploadMultipartAsync(org.Admin.Client, "big.bin", tooBig), HttpStatusCode.RequestEntityTooLarge);

        Assert.Empty(await app.KeysAsync(org.Id));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Files.Count(f => f.OrganizationId == org.Id))));
        var exactly = await FileApi.UploadAsync(org.Admin.Client, "fits.bin", tooBig[..^1]);
        Assert.Equal(FilesApp.MaxUploadBytes, exactly.Length);
    }

    [Fact]
    public async Task Other_tenants_and_colleagues_cannot_see_a_file_that_is_not_shared_with_them()
    {
        var org = await app.CreateOrganizationAsync();
        var colleague = await org.AddMemberAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var file = await FileApi.UploadAsync(org.Admin.Client, "salaries.xlsx", FileApi.RandomBytes(1000));

        foreach (var outsider in new[] { stranger, colleague })
        {
            await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/files/{file.Id}"), HttpStatusCode.NotFound);
            await Http.ProblemAsync(await outsider.Client.GetAsync(file.ContentUrl), HttpStatusCode.NotFound);
            await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/files/{file.Id}/thumbnail"), HttpStatusCode.NotFound);
            await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/files/{file.Id}/pages/1"), HttpStatusCode.NotFound);
        }

        await Http.ProblemAsync(await colleague.Client.GetAsync("/api/v1/files/usage"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await app.CreateClient().GetAsync(file.ContentUrl), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/v1/files?name=x.txt", new ByteArrayContent([1])), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Active_content_is_never_inline_and_hostile_names_are_defused()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var html = await FileApi.UploadAsync(client, "page.html", "<script>alert(document.cookie)</script>"u8.ToArray());
        var svg = await FileApi.UploadAsync(client, "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"u8.ToArray());
        foreach (var active in new[] { html, svg })
        {
            var response = await client.GetAsync(active.ContentUrl + "?disposition=inline");
            Assert.StartsWith("attachment;", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var png = await FileApi.UploadAsync(client, "photo.png", FileApi.RandomBytes(100));
        var inline = await client.GetAsync(png.ContentUrl + "?disposition=inline");
        Assert.StartsWith("inline;", inline.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        await Http.ProblemAsync(await client.GetAsync(png.ContentUrl + "?disposition=evil"), HttpStatusCode.BadRequest);

        var traversal = await FileApi.UploadAsync(client, "../../etc/passwd", [1, 2, 3]);
        Assert.Equal("passwd", traversal.Name);
        var windows = await FileApi.UploadAsync(client, "C:\\Users\\ann\\Desktop\\plan.docx", [1]);
        Assert.Equal("plan.docx", windows.Name);

        var injected = await Http.ReadAsync<FileDto>(
            await FileApi.UploadRawAsync(client, "a\"b\r\nSet-Cookie: x=1\u202Egpj.exe", [1]), HttpStatusCode.Created);
        Assert.Equal("a\"bSet-Cookie: x=1gpj.exe", injected.Name);
        var response2 = await client.GetAsync(injected.ContentUrl);
        Assert.False(response2.Headers.Contains("Set-Cookie"));
        Assert.Equal("attachment; filename=\"a_bSet-Cookie: x=1gpj.exe\"; filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1gpj.exe",
            response2.Content.Headers.GetValues("Content-Disposition").Single());

        var dots = await Http.ReadAsync<FileDto>(await FileApi.UploadRawAsync(client, " .. ", [1]), HttpStatusCode.Created);
        Assert.Equal("file", dots.Name);
        var longName = new string('x', 400) + ".pdf";
        var trimmed = await Http.ReadAsync<FileDto>(await FileApi.UploadRawAsync(client, longName, [1]), HttpStatusCode.Created);
        Assert.Equal(255, trimmed.Name.Length);
        Assert.EndsWith(".pdf", trimmed.Name, StringComparison.Ordinal);
    }

    private static string ObjectKeysFor(Guid org, Guid file) => Platform.Modules.Files.Storage.ObjectKeys.Content(org, file);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await client.SendAsync(request);
    }
}

/// <summary>On the local filesystem store.</summary>
public sealed class FileTransferTests(FilesApp app) : FileTransferContract(app), IClassFixture<FilesApp>;

/// <summary>On S3 (a real s3rver process).</summary>
public sealed class FileTransferS3Tests(FilesS3App app) : FileTransferContract(app), IClassFixture<FilesS3App>;
