using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>Files attached to a comment in the browser: uploads, thumbnails once previews are made, the viewer, downloads.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class FileAttachmentTests(PlatformFixture platform)
{
    /// <summary>The preview job takes 0.3–3 s per file; a loaded machine renders ten PDF pages more slowly.</summary>
    private const float PreviewTimeoutMs = 45_000;

    [Fact]
    public async Task Files_attached_to_a_comment_show_thumbnails_open_in_the_viewer_and_only_the_tasks_people_download_them()
    {
        await using var browser = new BrowserSession(platform, nameof(Files_attached_to_a_comment_show_thumbnails_open_in_the_viewer_and_only_the_tasks_people_download_them));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var admin = new AdminApi(platform);
            var carol = await admin.CreateUserAsync("Carol", suffix);
            var task = await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/tasks", new { title = $"Office move {suffix}" }, HttpStatusCode.Created);
            (await admin.SendAsync(HttpMethod.Post, $"api/v1/tasks/{task.Id}/participants", new { userIds = new[] { platform.Bob.Id } }, HttpStatusCode.Created)).Dispose();

            var png = SampleFiles.Png(48, 32);
            // Twelve pages: more than the ten the server renders, so the viewer says how many it shows.
            var pdf = SampleFiles.Pdf(12);
            var commentText = $"Floor plan and the photo ({suffix}).";

            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GotoAsync($"/#/tasks/{task.Id}");
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync($"Office move {suffix}");

            // Three files picked at once; each uploads by itself. The notes go again before the comment is sent.
            await ann.GetByTestId("comment-attach").SetInputFilesAsync(new FilePayload[]
            {
                new() { Name = "photo.png", MimeType = "image/png", Buffer = png },
                new() { Name = "floor-plan.pdf", MimeType = "application/pdf", Buffer = pdf },
                new() { Name = "notes.txt", MimeType = "text/plain", Buffer = "not this one"u8.ToArray() },
            });
            var uploads = ann.GetByTestId("upload-item");
            await Expect(uploads).ToHaveCountAsync(3);
            await Expect(ann.Locator("[data-testid=upload-item][data-status=done]")).ToHaveCountAsync(3);
            await uploads.Filter(new LocatorFilterOptions { HasText = "notes.txt" }).GetByTestId("upload-remove").ClickAsync();
            await Expect(uploads).ToHaveCountAsync(2);

            // A file over the server's limit fails on its own line with the server's explanation and holds the comment
            // back until it is removed.
            await ann.GetByTestId("comment-attach").SetInputFilesAsync(new FilePayload
            {
                Name = "scan.tiff", MimeType = "image/tiff", Buffer = new byte[PlatformFixture.MaxUploadBytes + 1],
            });
            var refused = uploads.Filter(new LocatorFilterOptions { HasText = "scan.tiff" });
            await Expect(refused).ToHaveAttributeAsync("data-status", "failed");
            await Expect(refused.GetByTestId("upload-error")).ToContainTextAsync("File too large: Files may be at most 4194304 bytes");
            await ann.GetByTestId("comment-text").FillAsync(commentText);
            await Expect(ann.GetByTestId("comment-submit")).ToBeDisabledAsync();
            await Expect(ann.GetByTestId("comment-hint")).ToHaveTextAsync("Remove the files that could not be uploaded.");
            await refused.GetByTestId("upload-remove").ClickAsync();
            await Expect(uploads).ToHaveCountAsync(2);
            await Expect(uploads.Filter(new LocatorFilterOptions { HasText = "floor-plan.pdf" })).ToContainTextAsync("Uploaded");

            await ann.GetByTestId("comment-submit").ClickAsync();
            var comment = ann.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = commentText });
            await Expect(comment).ToBeVisibleAsync();
            await Expect(ann.GetByTestId("upload-item")).ToHaveCountAsync(0);

            // Both listed under the comment with name and size; thumbnails appear once the previews are made.
            var attachments = comment.GetByTestId("attachment");
            await Expect(attachments).ToHaveCountAsync(2);
            var photo = attachments.Filter(new LocatorFilterOptions { HasText = "photo.png" });
            var plan = attachments.Filter(new LocatorFilterOptions { HasText = "floor-plan.pdf" });
            await Expect(photo).ToContainTextAsync(HumanSize(png.Length));
            await Expect(plan).ToContainTextAsync(HumanSize(pdf.Length));
            foreach (var attachment in new[] { photo, plan })
            {
                await Expect(attachment).ToHaveAttributeAsync("data-preview", "ready", new LocatorAssertionsToHaveAttributeOptions { Timeout = PreviewTimeoutMs });
                await Expect(attachment.GetByTestId("attachment-thumbnail")).ToHaveAttributeAsync("data-loaded", "true");
            }

            Assert.DoesNotContain(await attachments.AllTextContentsAsync(), t => t.Contains("notes.txt", StringComparison.Ordinal));

            // The viewer pages through the PDF with the keyboard and the buttons, then on to the photo; Esc closes it.
            await plan.GetByTestId("attachment-open").ClickAsync();
            var viewer = ann.GetByTestId("file-viewer");
            await Expect(viewer).ToBeVisibleAsync();
            await Expect(viewer.GetByTestId("viewer-name")).ToHaveTextAsync("floor-plan.pdf");
            var label = viewer.GetByTestId("viewer-page-label");
            var pageImage = viewer.GetByTestId("viewer-page");
            await Expect(label).ToHaveTextAsync("Page 1 of 12 (10 shown)");
            await Expect(pageImage).ToHaveAttributeAsync("data-loaded", "true");
            await ann.Keyboard.PressAsync("ArrowRight");
            await Expect(label).ToHaveTextAsync("Page 2 of 12 (10 shown)");
            await Expect(pageImage).ToHaveAttributeAsync("src", PageTwo());
            await Expect(pageImage).ToHaveAttributeAsync("data-loaded", "true");
            await viewer.GetByTestId("viewer-next").ClickAsync();
            await Expect(label).ToHaveTextAsync("Page 3 of 12 (10 shown)");
            await Expect(pageImage).ToHaveAttributeAsync("data-loaded", "true");
            for (var i = 0; i < 3; i++)
                await ann.Keyboard.PressAsync("ArrowLeft");
            await Expect(viewer.GetByTestId("viewer-name")).ToHaveTextAsync("photo.png");
            await Expect(label).ToHaveTextAsync("");
            await Expect(pageImage).ToHaveAttributeAsync("data-loaded", "true");
            await Expect(viewer.GetByTestId("viewer-prev")).ToBeDisabledAsync();
            await ann.Keyboard.PressAsync("Escape");
            await Expect(viewer).ToHaveCountAsync(0);

            // Bob takes part in the task: he downloads the photo from the stream and gets exactly its bytes.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await bob.GotoAsync($"/#/tasks/{task.Id}");
            var bobsPhoto = bob.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = commentText })
                .GetByTestId("attachment").Filter(new LocatorFilterOptions { HasText = "photo.png" });
            await Expect(bobsPhoto.GetByTestId("attachment-thumbnail")).ToHaveAttributeAsync("data-loaded", "true");
            var download = await bob.RunAndWaitForDownloadAsync(() => bobsPhoto.GetByTestId("attachment-download").ClickAsync());
            Assert.Equal("photo.png", download.SuggestedFilename);
            Assert.Equal(png, await File.ReadAllBytesAsync(await download.PathAsync()));

            // Carol does not: the task is not found for her, and neither is the file behind the same link.
            var photoId = await photo.GetAttributeAsync("data-file-id");
            var carolsPage = await browser.OpenPageAsync("carol");
            await BrowserSession.LogInAsync(carolsPage, carol);
            await carolsPage.GotoAsync($"/#/tasks/{task.Id}");
            await Expect(carolsPage.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Task not found" })).ToBeVisibleAsync();
            var carolsDownload = await carolsPage.APIRequest.GetAsync($"api/v1/files/{photoId}/content");
            Assert.Equal(404, carolsDownload.Status);
            Assert.StartsWith("application/problem+json", carolsDownload.Headers["content-type"], StringComparison.Ordinal);
            var bobsDownload = await bob.APIRequest.GetAsync($"api/v1/files/{photoId}/content");
            Assert.Equal(200, bobsDownload.Status);
        });
    }

    /// <summary>What the client shows for a small file: bytes below 1 KB, then KB with one decimal below 10 KB.</summary>
    private static string HumanSize(long bytes)
    {
        if (bytes < 1024)
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        Assert.True(bytes < 10 * 1024, "The sample files are meant to stay below 10 KB.");
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(bytes / 1024.0, 1, MidpointRounding.AwayFromZero):0.#} KB");
    }

    [GeneratedRegex("/pages/2$")]
    private static partial Regex PageTwo();
}
