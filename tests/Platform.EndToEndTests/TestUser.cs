namespace Platform.EndToEndTests;

/// <summary>A member of the test organisation, created through the HTTP API.</summary>
public sealed record TestUser(Guid Id, string Email, string DisplayName, string Password);
