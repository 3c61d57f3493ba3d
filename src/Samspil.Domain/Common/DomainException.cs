namespace Samspil.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is a stable key that the web layer
/// translates into a localised message; <see cref="Field"/> names the input at fault, if any.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string? field = null)
        : base(code)
    {
        Code = code;
        Field = field;
    }

    public DomainException()
        : this("Domain.Unknown")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = message;
    }

    public string Code { get; }

    public string? Field { get; }
}
