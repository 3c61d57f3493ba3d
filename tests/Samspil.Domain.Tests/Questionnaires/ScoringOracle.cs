using System.Globalization;
using System.Numerics;

namespace Samspil.Domain.Tests.Questionnaires;

/// <summary>An exact fraction (BigInteger numerator over a positive denominator), so the oracle never rounds until it means to.</summary>
internal readonly record struct Fraction
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(BigInteger.Abs(numerator), denominator);
        Numerator = gcd.IsZero ? numerator : numerator / gcd;
        Denominator = gcd.IsZero ? denominator : denominator / gcd;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Fraction Zero => new(0, 1);

    /// <summary>A decimal read from its invariant text, digit by digit (no decimal arithmetic).</summary>
    public static Fraction Of(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        text = text.TrimStart('-');
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : text.Remove(point, 1);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        var numerator = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        return new Fraction(negative ? -numerator : numerator, BigInteger.Pow(10, scale));
    }

    public static Fraction Of(long value) => new(value, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>Rounded to <paramref name="decimals"/> places, a half away from zero, as the fraction of the rounded value.</summary>
    public Fraction Round(int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var scaled = BigInteger.Abs(Numerator) * scale;
        var quotient = BigInteger.DivRem(scaled, Denominator, out var remainder);
        if (remainder * 2 >= Denominator)
        {
            quotient += 1;
        }

        return new Fraction(Numerator.Sign < 0 ? -quotient : quotient, scale);
    }

    public override string ToString() => Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";
}
