namespace Platform.Modules.Tasks.Domain;

/// <summary>One field's change inside a history entry: what it was, what it became (as text).</summary>
internal sealed record FieldChange(string Field, string? From, string? To);

/// <summary>A value that may be absent from a request (unchanged) or present (possibly null = clear).</summary>
internal readonly record struct Optional<T>(bool HasValue, T Value)
{
    public static Optional<T> Unset => default;

    public static Optional<T> Of(T value) => new(true, value);
}

/// <summary>Due date: a whole day, or a moment with an optional duration (a meeting).</summary>
internal sealed record Due(DateOnly? Date, DateTimeOffset? At, int? DurationMinutes)
{
    public override string ToString() =>
        Date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : At is { } a ? a.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + (DurationMinutes is { } m ? $" ({m} min)" : "")
        : "";
}

/// <summary>What a PATCH or a comment asks to change. Unset parts stay as they are.</summary>
internal sealed record TaskEdit
{
    public Optional<string> Title { get; init; }
    public Optional<string> Description { get; init; }
    public Optional<Guid?> AssigneeId { get; init; }
    public Optional<Due?> Due { get; init; }
    public string? Text { get; init; }
    public int? SpentMinutes { get; init; }
    public IReadOnlyList<TaskAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<Guid> AddParticipants { get; init; } = [];
    public IReadOnlyList<Guid> RemoveParticipants { get; init; } = [];
    /// <summary>List memberships changed (by the caller, who updates the list items): list id, added or removed.</summary>
    public IReadOnlyList<(Guid ListId, bool Added)> Lists { get; init; } = [];
    /// <summary>The history entry's id, when the caller must fix it: a mail reply takes its message's id, so it is written once.</summary>
    public Guid? EntryId { get; init; }
    /// <summary>Who outside the organisation wrote the entry by e-mail (see <see cref="TaskComment.ExternalAuthor"/>).</summary>
    public TaskCorrespondent? ExternalAuthor { get; init; }
    public bool SentByEmail { get; init; }

    public bool ChangesFields => Title.HasValue || Description.HasValue || AssigneeId.HasValue || Due.HasValue;
}

/// <summary>A business rule refused the change (answered 409 with the message).</summary>
internal sealed class TaskRuleException(string message) : Exception(message);
