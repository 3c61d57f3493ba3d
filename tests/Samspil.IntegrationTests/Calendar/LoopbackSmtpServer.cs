using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Samspil.IntegrationTests.Calendar;

/// <summary>
/// A small SMTP server (RFC 5321) on 127.0.0.1 and a free port, for tests: EHLO/HELO, MAIL FROM, RCPT TO,
/// DATA with dot-unstuffing, RSET, NOOP, QUIT. It offers no STARTTLS, AUTH or CHUNKING, so a client must
/// speak plain SMTP. Recipients listed in <see cref="RejectRecipients"/> get a 550 that quotes the address,
/// as real servers do.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Every command line the server was sent, in order.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    public HashSet<string> RejectRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            // One conversation at a time is all the tests need.
            using (client)
            {
                try
                {
                    await ConverseAsync(client.GetStream(), _stop.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task ConverseAsync(NetworkStream stream, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 loopback ESMTP test server");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            Commands.Enqueue(line);
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-loopback greets you");
                    await writer.WriteLineAsync("250-8BITMIME");
                    await writer.WriteLineAsync("250 SIZE 10485760");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 loopback");
                    break;
                case "MAIL":
                    from = Address(line);
                    recipients.Clear();
                    await writer.WriteLineAsync("250 2.1.0 Ok");
                    break;
                case "RCPT":
                    var recipient = Address(line);
                    if (from is null)
                    {
                        await writer.WriteLineAsync("503 5.5.1 Error: need MAIL command");
                    }
                    else if (RejectRecipients.Contains(recipient))
                    {
                        await writer.WriteLineAsync($"550 5.1.1 <{recipient}>: Recipient address rejected: User unknown");
                    }
                    else
                    {
                        recipients.Add(recipient);
                        await writer.WriteLineAsync("250 2.1.5 Ok");
                    }

                    break;
                case "DATA":
                    if (from is null || recipients.Count == 0)
                    {
                        await writer.WriteLineAsync("554 5.5.1 Error: no valid recipients");
                        break;
                    }

                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    Received.Enqueue(new ReceivedMail(from, [.. recipients], data.ToString()));
                    from = null;
                    recipients.Clear();
                    await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                    break;
                case "RSET":
                    from = null;
                    recipients.Clear();
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                case "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Error: command not recognized");
                    break;
            }
        }
    }

    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : string.Empty;
    }

    public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data);
}
