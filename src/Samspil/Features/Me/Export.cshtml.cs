using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Me;

/// <summary>"Mine data": everything Samspil holds about the citizen, readable, and as JSON to take away (GDPR art. 15 and 20).</summary>
public sealed class ExportModel(ExportService export, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CurrentUser user) : MePage(user)
{
    public CitizenExport? Data { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await export.ExportAsync(cancellationToken);

    /// <summary>The same JSON as GET /api/v1/me/export, for a citizen signed in with the cookie.</summary>
    public async Task<IActionResult> OnGetJsonAsync(CancellationToken cancellationToken)
    {
        var data = await export.ExportAsync(cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        return File(JsonSerializer.SerializeToUtf8Bytes(data, json.Value.SerializerOptions), "application/json", "samspil-mine-data.json");
    }
}
