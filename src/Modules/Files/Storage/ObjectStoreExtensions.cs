namespace Platform.Modules.Files.Storage;

internal static class ObjectStoreExtensions
{
    /// <summary>Deletes every object under a prefix (a file's previews); nothing there is fine.</summary>
    public static async Task DeleteAllAsync(this IObjectStore store, string prefix, CancellationToken ct)
    {
        await foreach (var stored in store.ListAsync(prefix, ct))
            await store.DeleteAsync(stored.Key, ct);
    }
}
