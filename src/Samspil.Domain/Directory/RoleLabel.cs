namespace Samspil.Domain.Directory;

/// <summary>
/// How a practitioner role is named next to its organisation ("Psykolog, Traumeklinikken Odense").
/// Role titles are free text, and many already name the organisation ("Overlæge, Traumeklinikken Vejle");
/// such a title is shown as it is instead of naming the organisation twice.
/// </summary>
public static class RoleLabel
{
    public static string Format(string? title, string? organization)
    {
        var t = title?.Trim() ?? string.Empty;
        var o = organization?.Trim() ?? string.Empty;
        if (o.Length == 0)
        {
            return t;
        }

        if (t.Length == 0)
        {
            return o;
        }

        return t.Contains(o, StringComparison.OrdinalIgnoreCase) ? t : $"{t}, {o}";
    }
}
