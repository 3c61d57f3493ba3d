using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Consents;

/// <summary>
/// A legal basis other than consent, as data: the law it rests on, the categories and purposes it
/// opens, and which kinds of organisation it lets receive them. It only ever applies to a course the
/// recipient's organisation is responsible for (e.g. the job centre following up on its own citizen).
/// </summary>
public sealed class LegalBasis
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

    public static LegalBasis Create(string code, string title, string lawReference, InformationCategory categories, AccessPurpose purposes, IEnumerable<OrganizationKind> recipientKinds)
    {
        var kinds = recipientKinds.Distinct().ToList();
        if (kinds.Count == 0)
        {
            throw new DomainException("LegalBasis.RecipientKinds.Required", "recipientKinds");
        }

        return new LegalBasis
        {
            Code = Guard.RequiredText(code, 50, "LegalBasis.Code", "code"),
            Title = Guard.RequiredText(title, 300, "LegalBasis.Title", "title"),
            LawReference = Guard.RequiredText(lawReference, 200, "LegalBasis.LawReference", "lawReference"),
            Categories = categories,
            Purposes = purposes,
            RecipientKinds = kinds,
        };
    }
}
