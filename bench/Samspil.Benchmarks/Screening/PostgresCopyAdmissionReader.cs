using System.Buffers.Binary;
using System.Text;
using Samspil.Domain.Screening;

namespace Samspil.Benchmarks.Screening;

/// <summary>
/// Reads admissions straight from PostgreSQL's binary COPY format (a stream from
/// <c>NpgsqlConnection.BeginRawBinaryCopy</c>), six columns: person key, municipality, region (text),
/// start, end (timestamptz) and acute (boolean).
/// </summary>
/// <remarks>
/// Npgsql's <c>NpgsqlBinaryExporter</c> costs several hundred nanoseconds a row and a new string
/// per text column; at ten million rows that is most of the work. Reading the documented wire
/// format directly lets a person key be decoded once per person and the few municipality and region
/// codes once per run. Format: an 11-byte signature, flags and a header extension; then per row a
/// 16-bit field count (−1 ends the data) and per field a 32-bit length and the bytes, all big-endian;
/// timestamptz is microseconds since 2000-01-01 UTC.
/// </remarks>
internal sealed class PostgresCopyAdmissionReader(Stream stream)
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly Dictionary<ulong, string> _codes = [];
    private readonly byte[] _keyBytes = new byte[256];
    private int _keyLength = -1;
    private string _key = string.Empty;
    private int _position;
    private int _length;

    public IEnumerable<AdmissionEvent> ReadAll()
    {
        Ensure(19);
        if (!_buffer.AsSpan(0, 11).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not PostgreSQL binary COPY data.");
        }

        _position = 15;
        var extension = ReadInt32();
        Skip(extension);
        while (true)
        {
            Ensure(2);
            var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_position));
            _position += 2;
            if (fields == -1)
            {
                yield break;
            }

            if (fields != 6)
            {
                throw new InvalidDataException("Expected six columns.");
            }

            var key = ReadKey();
            var municipality = ReadCode();
            var region = ReadCode();
            var start = ReadTimestamp();
            var end = ReadTimestamp();
            var acute = ReadBoolean();
            yield return new AdmissionEvent(key, municipality, region, start, end, acute, string.Empty);
        }
    }

    private string ReadKey()
    {
        var length = ReadFieldLength();
        var bytes = _buffer.AsSpan(_position, length);
        _position += length;
        if (length != _keyLength || !bytes.SequenceEqual(_keyBytes.AsSpan(0, length)))
        {
            if (length > _keyBytes.Length)
            {
                throw new InvalidDataException("Person key too long.");
            }

            bytes.CopyTo(_keyBytes);
            _keyLength = length;
            _key = Encoding.UTF8.GetString(bytes);
        }

        return _key;
    }

    /// <summary>Short codes (up to seven bytes) are packed into a number and decoded once.</summary>
    private string ReadCode()
    {
        var length = ReadFieldLength();
        var bytes = _buffer.AsSpan(_position, length);
        _position += length;
        if (length > 7)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var packed = (ulong)length << 56;
        for (var i = 0; i < length; i++)
        {
            packed |= (ulong)bytes[i] << (8 * i);
        }

        if (!_codes.TryGetValue(packed, out var code))
        {
            code = Encoding.UTF8.GetString(bytes);
            _codes.Add(packed, code);
        }

        return code;
    }

    private DateTimeOffset ReadTimestamp()
    {
        if (ReadFieldLength() != 8)
        {
            throw new InvalidDataException("Expected a timestamptz.");
        }

        var microseconds = BinaryPrimitives.ReadInt64BigEndian(_buffer.AsSpan(_position));
        _position += 8;
        return new DateTimeOffset(PostgresEpochTicks + (microseconds * 10), TimeSpan.Zero);
    }

    private bool ReadBoolean()
    {
        if (ReadFieldLength() != 1)
        {
            throw new InvalidDataException("Expected a boolean.");
        }

        return _buffer[_position++] != 0;
    }

    /// <summary>The next field's length, with the field itself made available in the buffer.</summary>
    private int ReadFieldLength()
    {
        var length = ReadInt32();
        if (length < 0 || length > _buffer.Length / 2)
        {
            throw new InvalidDataException("NULL or oversized field.");
        }

        Ensure(length);
        return length;
    }

    private int ReadInt32()
    {
        Ensure(4);
        var value = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_position));
        _position += 4;
        return value;
    }

    private void Skip(int count)
    {
        Ensure(count);
        _position += count;
    }

    private void Ensure(int count)
    {
        if (_length - _position >= count)
        {
            return;
        }

        var remaining = _length - _position;
        Buffer.BlockCopy(_buffer, _position, _buffer, 0, remaining);
        _position = 0;
        _length = remaining;
        while (_length < count)
        {
            var read = stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                throw new EndOfStreamException("The COPY data ended in the middle of a row.");
            }

            _length += read;
        }
    }
}
