using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Files.Previews;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Files;

/// <summary>Files attached to tasks and comments: the stream shows them, the task's readers may download them.</summary>
public sealed class AttachmentTests(FilesApp app) : IClassFixture<FilesApp>
{
    [Fact]
    public async Task A_comment_with_files_shows_them_and_the_tasks_participants_may_download_them()
    {
        var org = await app.CreateOrganizationAsync();
        var participant = await org.AddMemberAsync();
        var outsider = await org.AddMemberAsync();
        var ann = org.Admin;
        var task = await Http.ReadAsync<TaskDto>(await ann.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "Contract review", assigneeId = participant.Id }), HttpStatusCode.Created);
        var contract = FileApi.RandomBytes(20_000);
        var file = await FileApi.UploadAsync(ann.Client, "contract.pdf", contract);
        Assert.Equal(HttpStatusCode.NotFound, (await participant.Client.GetAsync(file.ContentUrl)).StatusCode);

        var comment = await Http.ReadAsync<CommentDto>(await ann.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments",
            new { attachments = new[] { file.Id } }), HttpStatusCode.Created);
        Assert.Equal("comment", comment.Kind);
        Assert.Null(comment.Text);
        Assert.Equal([new AttachmentDto(file.Id, "contract.pdf", "application/pdf", 20_000)], comment.Attachments);

        var seen = await participant.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}");
        Assert.Equal(file.Id, seen!.Comments.Single(c => c.Id == comment.Id).Attachments.Single().Id);
        var download = await participant.Client.GetAsync(file.ContentUrl);
        await Http.EnsureStatusAsync(download, HttpStatusCode.OK);
        Assert.Equal(contract, await download.Content.ReadAsByteArrayAsync());
        Assert.True((await participant.Client.GetFromJsonAsync<FileDto>($"/api/v1/files/{file.Id}"))!.Attached);

        // A colleague who does not take part in the task, and another organisation, still cannot.
        await Http.ProblemAsync(await outsider.Client.GetAsync(file.ContentUrl), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await (await app.CreateOrganizationAsync()).Admin.Client.GetAsync(file.ContentUrl), HttpStatusCode.NotFound);

        // The participant forwards the attachment to a task of their own: they may, since they can read it.
        var own = await Http.ReadAsync<TaskDto>(await participant.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "Archive", attachments = new[] { file.Id } }), HttpStatusCode.Created);
        Assert.Equal(file.Id, own.Comments.Single(c => c.Kind == "created").Attachments.Single().Id);
    }

    [Fact]
    public async Task Attaching_files_one_may_not_read_is_refused_per_file_and_changes_nothing()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "Shared", assigneeId = bob.Id }), HttpStatusCode.Created);
        var mine = await FileApi.UploadAsync(bob.Client, "mine.txt", [1, 2]);
        var annsPrivate = await FileApi.UploadAsync(org.Admin.Client, "private.txt", [3, 4]);
        var stranger = await FileApi.UploadAsync((await app.CreateOrganizationAsync()).Admin.Client, "theirs.txt", [5]);

        var problem = await Http.ProblemAsync(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments",
            new { text = "see attached", attachments = new[] { mine.Id, annsPrivate.Id, stranger.Id, Guid.NewGuid() } }), HttpStatusCode.BadRequest);
        Assert.Empty(Http.FieldErrors(problem, "attachments[0]"));
        foreach (var index in new[] { 1, 2, 3 })
            Assert.Contains("does not exist or you have no access", Http.FieldErrors(problem, $"attachments[{index}]").Single(), StringComparison.Ordinal);

        var after = await bob.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}");
        Assert.DoesNotContain(after!.Comments, c => c.Kind == "comment");
        Assert.False((await bob.Client.GetFromJsonAsync<FileDto>($"/api/v1/files/{mine.Id}"))!.Attached);
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { }), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "x", attachments = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid()) }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_uploaded_image_and_pdf_get_previews_from_the_worker_and_a_bad_file_gets_a_reason()
    {
        var org = await app.CreateOrganizationAsync();
        var folder = Directory.CreateTempSubdirectory("platform-attach-");
        try
        {
            var png = Path.Combine(folder.FullName, "a.png");
            PngWriter.WriteRgb(png, 1200, 600, (x, y) => ((byte)x, (byte)y, 128));
            var pdf = Path.Combine(folder.FullName, "a.pdf");
            DocumentWriter.WritePdf(pdf, pages: 3);

            var image = await FileApi.UploadAsync(org.Admin.Client, "chart.png", await File.ReadAllBytesAsync(png));
            var document = await FileApi.UploadAsync(org.Admin.Client, "slides.pdf", await File.ReadAllBytesAsync(pdf));
            var broken = await FileApi.UploadAsync(org.Admin.Client, "broken.pdf", "%PDF-1.7\n garbage"u8.ToArray());
            var archive = await FileApi.UploadAsync(org.Admin.Client, "data.zip", FileApi.RandomBytes(500));

            var imageDone = await FileApi.WaitForPreviewAsync(org.Admin.Client, image.Id);
            Assert.Equal(new PreviewDto("ready", null, 1, 1, 1200, 600), imageDone.Preview);
            Assert.Equal($"/api/v1/files/{image.Id}/thumbnail", imageDone.ThumbnailUrl);
            var thumbnail = await org.Admin.Client.GetAsync(imageDone.ThumbnailUrl);
            await Http.EnsureStatusAsync(thumbnail, HttpStatusCode.OK);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            var jpeg = await thumbnail.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xFF, 0xD8, 0xFF], jpeg[..3]);

            var documentDone = await FileApi.WaitForPreviewAsync(org.Admin.Client, document.Id);
            Assert.Equal("ready", documentDone.Preview.Status);
            Assert.Equal(3, documentDone.Preview.Pages);
            Assert.Equal(3, documentDone.Preview.PageCount);
            await Http.EnsureStatusAsync(await org.Admin.Client.GetAsync($"/api/v1/files/{document.Id}/pages/3"), HttpStatusCode.OK);
            await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/files/{document.Id}/pages/4"), HttpStatusCode.NotFound);

            var brokenDone = await FileApi.WaitForPreviewAsync(org.Admin.Client, broken.Id);
            Assert.Equal("failed", brokenDone.Preview.Status);
            Assert.False(string.IsNullOrWhiteSpace(brokenDone.Preview.Reason));
            var noPreview = await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/files/{broken.Id}/thumbnail"), HttpStatusCode.NotFound);
            Assert.Contains(brokenDone.Preview.Reason!, noPreview.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("unsupported", (await FileApi.WaitForPreviewAsync(org.Admin.Client, archive.Id)).Preview.Status);

            // Previews count towards the organisation's storage.
            var usage = await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage");
            Assert.True(usage!.UsedBytes > image.Length + document.Length + broken.Length + archive.Length);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
