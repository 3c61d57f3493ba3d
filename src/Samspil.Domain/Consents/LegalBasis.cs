using System.Text.RegularExpressions;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Consents;

/// <summary>
/// A legal basis other than consent, as data: the law it rests on, the categories and purposes it
/// opens, and which kinds of organisation it lets receive them. It only ever applies to a course the
/// recipient's organisation is responsible for (e.g. the job centre following up on its own citizen).
/// </summary>
public sealed partial class LegalBasis
{
    private LegalBasis()
    {
        Code = string.Empty;
        Title = string.Empty;
        LawReference = string.Empty;
    }

    public string Code { get; private set; }

    public string Title { get; private set; }

    /// <summary>E.g. "Retssikkerhedsloven § 12 c".</summary>
    public string LawReference { get; private set; }

    public InformationCategory Categories { get; private set; }

    public AccessPurpose Purposes { get; private set; }

    public List<OrganizationKind> RecipientKinds { get; private set; } = [];

    public bool Active { get; private set; } = true;

    public const AccessPurpose AllPurposes = AccessPurpose.Coordination | AccessPurpose.SicknessBenefitFollowUp;

    public static LegalBasis Create(string? code, string? title, string? lawReference, InformationCategory categories, AccessPurpose purposes, IEnumerable<OrganizationKind>? recipientKinds)
    {
        var trimmed = Guard.RequiredText(code, 50, "LegalBasis.Code", "code").ToLowerInvariant();
        if (!CodePattern().IsMatch(trimmed))
        {
            throw new DomainException("LegalBasis.Code.Format", "code");
        }

        var basis = new LegalBasis { Code = trimmed };
        basis.Update(title, lawReference, categories, purposes, recipientKinds, active: true);
        return basis;
    }

    /// <summary>
    /// Changes what the basis opens. Deactivating (active: false) stops it from opening anything on the next read;
    /// the access log keeps naming the code of the reads it opened.
    /// </summary>
    public void Update(string? title, string? lawReference, InformationCategory categories, AccessPurpose purposes, IEnumerable<OrganizationKind>? recipientKinds, bool active)
    {
        var kinds = (recipientKinds ?? []).Distinct().ToList();
        if (kinds.Count == 0)
        {
            throw new DomainException("LegalBasis.RecipientKinds.Required", "recipientKinds");
        }

        if (kinds.Any(k => !Enum.IsDefined(k)))
        {
            throw new DomainException("LegalBasis.RecipientKinds.Invalid", "recipientKinds");
        }

        // Consent overview is not something a basis gives (see InformationCategory.ConsentOverview).
        if (categories == InformationCategory.None || (categories & ~InformationCategory.All) != 0)
        {
            throw new DomainException("LegalBasis.Categories.Invalid", "categories");
        }

        if (purposes == AccessPurpose.None || (purposes & ~AllPurposes) != 0)
        {
            throw new DomainException("LegalBasis.Purposes.Invalid", "purposes");
        }

        var checkedTitle = Guard.RequiredText(title, 300, "LegalBasis.Title", "title");
        var checkedReference = Guard.RequiredText(lawReference, 200, "LegalBasis.LawReference", "lawReference");
        Title = checkedTitle;
        LawReference = checkedReference;
        Categories = categories;
        Purposes = purposes;
        RecipientKinds = kinds;
        Active = active;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}
