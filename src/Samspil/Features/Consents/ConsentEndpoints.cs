using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Microsoft.AspNetCore.Identity;
using Samspil.Features.Courses;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Consents;

public static class ConsentEndpoints
{
    public static IEndpointRouteBuilder MapConsentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/legal-bases", async (Infrastructure.Persistence.SamspilDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.LegalBases.AsNoTracking().OrderBy(b => b.Code).Select(b => new LegalBasisView(b.Code, b.Title, b.LawReference, b.Categories, b.Purposes, b.RecipientKinds, b.Active)).ToListAsync(ct)))
            .WithTags("Consent")
            .WithName("ListLegalBases")
            .WithSummary("The legal bases other than consent that the access policy knows (data, not code): the law, the categories and purposes they open, and for which kinds of organisation.")
            .RequireAuthorization(SamspilPolicies.Staff);

        app.MapGet("/api/v1/courses/consent-overview", async (ConsentService service, CancellationToken ct) => TypedResults.Ok(await service.NetworkOverviewAsync(ct)))
            .WithTags("Consent")
            .WithName("NetworkConsentOverview")
            .WithSummary("Courses whose network I am on but may not read (no consent covers me): who the citizen is and what consent exists, whom it covers, which categories.")
            .RequireAuthorization(SamspilPolicies.Staff);

        var course = app.MapGroup("/api/v1/courses/{courseId:guid}").WithTags("Consent").RequireAuthorization();
        course.MapGet("/consents", ForCourse)
            .WithName("ListCourseConsents")
            .WithSummary("Every version of the citizen's consents: that they exist, who they cover, which categories (visible to everyone who may see the course).");
        course.MapPost("/consents", Register)
            .WithName("RegisterConsent")
            .WithSummary("A professional on the course registers a signed form, witnessed by a named professional (upload the form first).")
            .RequireAuthorization(SamspilPolicies.Staff);

        // Uploads are for API clients with a bearer token; the web UI uploads through its own form with antiforgery.
        course.MapPost("/consent-documents", Upload)
            .WithName("UploadConsentDocument")
            .WithSummary("Upload a signed consent form (PDF, PNG or JPEG, at most 5 MB) as multipart/form-data field 'file'.")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme, Policy = SamspilPolicies.Staff })
            .DisableAntiforgery();

        var consents = app.MapGroup("/api/v1/consents/{consentId:guid}").WithTags("Consent").RequireAuthorization();
        consents.MapPost("/revoke", Revoke).WithName("RevokeConsent").WithSummary("Revokes at once: the very next read no longer uses it.");
        consents.MapGet("/document", async Task<Results<FileContentHttpResult, NotFound>> (Guid consentId, ConsentService service, CancellationToken ct) =>
                await service.DocumentAsync(consentId, ct) is { } document
                    ? TypedResults.File(document.Content, document.ContentType, document.FileName)
                    : TypedResults.NotFound())
            .WithName("GetConsentDocument")
            .WithSummary("The signed consent form, for the citizen, their proxy, or a professional who may change the citizen's course. Logged.");
        consents.MapPost("/revisions", Revise).WithName("ReviseConsent").WithSummary("A new version (limit, widen, renew); the old one is kept as superseded.");

        var me = app.MapGroup("/api/v1/me/consents").WithTags("Consent").RequireAuthorization();
        me.MapGet("/", async (ConsentService service, CancellationToken ct) => TypedResults.Ok(await service.MineAsync(ct))).WithName("MyConsents");
        me.MapPost("/", GiveAsSelf).WithName("GiveConsent").WithSummary("The citizen (or proxy), signed in, gives a consent.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ConsentView>>, NotFound>> ForCourse(Guid courseId, CourseService courses, CancellationToken ct) =>
        await courses.GetAsync(courseId, ct) is { } detail ? TypedResults.Ok(detail.Consents) : TypedResults.NotFound();

    private static async Task<Results<Created<ConsentView>, NotFound>> Register(Guid courseId, ConsentRequest request, ConsentService service, CourseService courses, CancellationToken ct)
    {
        var id = await service.RegisterForCourseAsync(courseId, request, ct);
        if (id is null || await courses.GetAsync(courseId, ct) is not { } detail)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Created($"/api/v1/courses/{courseId}/consents", detail.Consents.Single(c => c.Id == id));
    }

    private static async Task<Results<Created<DocumentUploaded>, NotFound>> Upload(Guid courseId, IFormFile? file, ConsentService service, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var upload = file is null ? null : new DocumentUpload(file.FileName, file.ContentType, content, file.Length);
        return await service.UploadDocumentAsync(courseId, upload, ct) is { } uploaded
            ? TypedResults.Created($"/api/v1/courses/{courseId}/consents", uploaded)
            : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(Guid consentId, ConsentService service, CancellationToken ct) =>
        await service.RevokeAsync(consentId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<ConsentRef>, NotFound>> Revise(Guid consentId, ConsentRequest request, ConsentService service, CancellationToken ct) =>
        await service.ReviseAsync(consentId, request, ct) is { } id ? TypedResults.Created($"/api/v1/consents/{id}", new ConsentRef(id)) : TypedResults.NotFound();

    private static async Task<Created<ConsentRef>> GiveAsSelf(ConsentRequest request, ConsentService service, CancellationToken ct)
    {
        var id = await service.GiveAsSelfAsync(request, ct);
        return TypedResults.Created($"/api/v1/consents/{id}", new ConsentRef(id));
    }
}

public sealed record ConsentRef(Guid Id);

public sealed record LegalBasisView(string Code, string Title, string LawReference, InformationCategory Categories, AccessPurpose Purposes, IReadOnlyList<Domain.Directory.OrganizationKind> RecipientKinds, bool Active);
