using System.Text.RegularExpressions;
using Samspil.Domain.Common;

namespace Samspil.Domain.Directory;

/// <summary>A target group (målgruppe) is data, not code (R1): administrators maintain the list.</summary>
public sealed partial class TargetGroup
{
    private TargetGroup()
    {
        Code = string.Empty;
        NameDa = string.Empty;
        NameEn = string.Empty;
    }

    /// <summary>Stable short code, e.g. "ptsd-refugee".</summary>
    public string Code { get; private set; }

    public string NameDa { get; private set; }

    public string NameEn { get; private set; }

    public string? Description { get; private set; }

    public bool Active { get; private set; } = true;

    public int SortOrder { get; private set; }

    public static TargetGroup Create(string? code, string? nameDa, string? nameEn, string? description, int sortOrder)
    {
        var trimmed = Guard.RequiredText(code, 50, "TargetGroup.Code", "code").ToLowerInvariant();
        if (!CodePattern().IsMatch(trimmed))
        {
            throw new DomainException("TargetGroup.Code.Format", "code");
        }

        var group = new TargetGroup { Code = trimmed };
        group.Update(nameDa, nameEn, description, sortOrder, active: true);
        return group;
    }

    public void Update(string? nameDa, string? nameEn, string? description, int sortOrder, bool active)
    {
        NameDa = Guard.RequiredText(nameDa, 200, "TargetGroup.NameDa", "nameDa");
        NameEn = Guard.RequiredText(nameEn, 200, "TargetGroup.NameEn", "nameEn");
        Description = Guard.OptionalText(description, 2000, "TargetGroup.Description", "description");
        SortOrder = sortOrder;
        Active = active;
    }

    public string DisplayName(bool english) => english ? NameEn : NameDa;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}
