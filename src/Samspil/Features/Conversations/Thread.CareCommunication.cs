using Microsoft.AspNetCore.Mvc;
using Samspil.Features.CareCommunications;
using Samspil.Features.Shared;

namespace Samspil.Features.Conversations;

/// <summary>The thread page's MedCom CareCommunication part: external messages, and (staff) sending to a GP or hospital department.</summary>
public sealed partial class ThreadModel
{
    public CareCommunicationThreadView? External { get; private set; }

    /// <summary>Kept when sending to an external party failed, so nothing typed is lost.</summary>
    public SendCareCommunicationRequest? ExternalDraft { get; private set; }

    public async Task<IActionResult> OnPostExternalAsync(Guid conversationId, string? recipient, string? category, string? topic, string? externalText, List<IFormFile>? externalFiles, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        var service = HttpContext.RequestServices.GetRequiredService<CareCommunicationService>();
        var request = new SendCareCommunicationRequest(recipient, category, topic, externalText);
        ExternalMessageView? sent = null;
        var done = ModelState.IsValid && await PageErrors.TryAsync(ModelState, localizer, async () =>
        {
            var uploads = await conversations.ReadUploadsAsync(externalFiles ?? [], cancellationToken);
            sent = await service.SendAsync(conversationId, request, uploads, cancellationToken);
        });
        if (done)
        {
            if (sent is null)
            {
                return NotFound();
            }

            StatusMessage = localizer["CareCommunication.Sent.Status"];
            return Redirect($"/Conversations/{conversationId}#external");
        }

        ExternalDraft = request;
        return await OnGetAsync(conversationId, cancellationToken);
    }

    private async Task LoadExternalAsync(Guid conversationId, CancellationToken cancellationToken) =>
        External = await HttpContext.RequestServices.GetRequiredService<CareCommunicationService>().ThreadAsync(conversationId, cancellationToken);
}
