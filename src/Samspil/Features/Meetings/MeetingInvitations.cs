using Samspil.Features.Access;

namespace Samspil.Features.Meetings;

/// <summary>Invitations (iCalendar over e-mail) and content-free notices to a meeting's participants.</summary>
public sealed class MeetingInvitations
{
    public enum Kind
    {
        Request = 0,
        Cancel = 1,
    }

    public Task SendAsync(MeetingRecord record, Kind kind, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NotifyAsync(MeetingRecord record, string messageKey, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> IcsAsync(MeetingRecord record, Kind kind, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
