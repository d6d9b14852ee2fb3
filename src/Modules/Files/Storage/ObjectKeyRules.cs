namespace Platform.Modules.Files.Storage;

/// <summary>
/// What a key may look like on every backend: relative, '/'-separated, segments of <c>[0-9a-z._-]</c> that do not
/// begin with a dot. <see cref="ObjectKeys"/> only ever makes such keys; the check exists because the local store
/// turns a key into a path, and a key like <c>../../etc/passwd</c> or <c>.tmp/x</c> must never reach the filesystem.
/// The S3 store applies the same rules so that both backends accept exactly the same keys.
/// </summary>
internal static class ObjectKeyRules
{
    private const int MaxLength = 512;

    /// <exception cref="ArgumentException">The key breaks a rule; the message says which.</exception>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > MaxLength)
            throw new ArgumentException($"An object key must have 1 to {MaxLength} characters.", nameof(key));
        foreach (var segment in key.Split('/'))
            ValidateSegment(segment, key, nameof(key));
    }

    /// <summary>A listing prefix: "" (everything), or the beginning of a valid key (it may end with '/' or mid-segment).</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
            return;
        if (prefix.Length > MaxLength)
            throw new ArgumentException($"A key prefix must have at most {MaxLength} characters.", nameof(prefix));
        var segments = prefix.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // The last segment may be empty ("tenant/") or a beginning ("tenant/ab").
            if (i == segments.Length - 1 && segments[i].Length == 0)
                continue;
            ValidateSegment(segments[i], prefix, nameof(prefix));
        }
    }

    private static void ValidateSegment(string segment, string whole, string parameter)
    {
        if (segment.Length == 0)
            throw new ArgumentException($"'{whole}' has an empty segment (a leading, trailing or doubled '/').", parameter);
        // A leading dot covers "." and ".." (path traversal) and the local store's own ".tmp" folder.
        if (segment[0] == '.')
            throw new ArgumentException($"'{whole}' has a segment beginning with '.'.", parameter);
        foreach (var c in segment)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'z') or '.' or '_' or '-'))
                throw new ArgumentException($"'{whole}' has a character other than 0-9, a-z, '.', '_', '-' and '/'.", parameter);
        }
    }
}
