namespace Samspil.Features.Administration.Accounts;

/// <summary>The invitation and edit form of a staff account, as posted by the pages.</summary>
public sealed class AccountForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Profession { get; set; }

    public bool Professional { get; set; } = true;

    public bool Administrator { get; set; }

    /// <summary>Manager (leder): the steering figures of the organisation tree, no citizen data.</summary>
    public bool Manager { get; set; }

    public string? Version { get; set; }

    /// <summary>The person's units; a row with <see cref="UnitForm.End"/> is ended, a blank new row ignored.</summary>
    public List<UnitForm> Units { get; set; } = [];

    public static AccountForm Of(AccountView account) => new()
    {
        DisplayName = account.DisplayName,
        Email = account.Email,
        Profession = account.Profession,
        Professional = account.Roles.Contains(Infrastructure.Security.SamspilRoles.Professional),
        Administrator = account.Roles.Contains(Infrastructure.Security.SamspilRoles.Administrator),
        Manager = account.Roles.Contains(Infrastructure.Security.SamspilRoles.Manager),
        Version = account.Version,
        Units = [.. account.Units.Select(u => new UnitForm { Id = u.Id, OrganizationId = u.OrganizationId, Title = u.Title, Mandate = u.Mandate, DirectPhone = u.DirectPhone, DirectEmail = u.DirectEmail })],
    };

    public AccountRequest ToRequest()
    {
        var roles = new List<string>();
        if (Professional)
        {
            roles.Add(Infrastructure.Security.SamspilRoles.Professional);
        }

        if (Administrator)
        {
            roles.Add(Infrastructure.Security.SamspilRoles.Administrator);
        }

        if (Manager)
        {
            roles.Add(Infrastructure.Security.SamspilRoles.Manager);
        }

        return new AccountRequest(
            DisplayName,
            Email,
            Profession,
            roles,
            [.. Units.Where(u => !u.End && (u.Id is not null || !u.IsBlank))
                .Select(u => new AccountUnitRequest(u.Id, u.OrganizationId, u.Title, u.Mandate, u.DirectPhone, u.DirectEmail))]);
    }
}

public sealed class UnitForm
{
    public Guid? Id { get; set; }

    public Guid? OrganizationId { get; set; }

    public string? Title { get; set; }

    public string? Mandate { get; set; }

    public string? DirectPhone { get; set; }

    public string? DirectEmail { get; set; }

    public bool End { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Mandate) && string.IsNullOrWhiteSpace(DirectPhone) && string.IsNullOrWhiteSpace(DirectEmail);
}

/// <summary>What the shared field partial needs: the form and the organisations of the administrator's tree.</summary>
public sealed record AccountFieldsModel(AccountForm Form, IReadOnlyList<TreeOrganizationView> Tree, bool Editing);
