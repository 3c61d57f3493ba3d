using System.Text;
using Samspil.Domain.Common;
using Samspil.Domain.Conversations;

namespace Samspil.Domain.Tests;

public sealed class ConversationTests
{
    private static readonly Moment Now = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, 23));
    private static readonly AttachmentLimits Limits = new(1024, 3);
    private static readonly NewParticipant Clinician = new(Guid.NewGuid(), ParticipantKind.Professional, "Mette Demo-Lindberg", Guid.NewGuid());
    private static readonly NewParticipant Citizen = new(Guid.NewGuid(), ParticipantKind.Citizen, "Preben Demo-Nielsen", null);
    private static readonly NewParticipant Caseworker = new(Guid.NewGuid(), ParticipantKind.Professional, "Birgitte Demo-Aagaard", Guid.NewGuid());

    private static readonly byte[] Pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46];

    [Fact]
    public void Read_markers_tell_who_has_seen_each_message_even_when_messages_share_a_moment()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "Næste samtale", Clinician, [Citizen, Caseworker], Now);
        var first = conversation.Post(Clinician.UserId, "Passer torsdag?", "da", [], Limits, Now);
        Assert.Empty(conversation.ReadBy(first));

        Assert.True(conversation.MarkRead(Citizen.UserId, Now.Utc));
        Assert.False(conversation.MarkRead(Citizen.UserId, Now.Utc)); // nothing new
        var second = conversation.Post(Citizen.UserId, "Ja tak", "da", [], Limits, Now); // same instant on purpose
        Assert.Equal([Citizen.UserId], conversation.ReadBy(first).Select(p => p.UserId));
        Assert.Empty(conversation.ReadBy(second)); // the author does not count, and nobody else has read it
        Assert.Equal([1, 2], conversation.Messages.Select(m => m.Sequence));

        conversation.MarkRead(Caseworker.UserId, Now.Utc);
        Assert.Equal([Citizen.UserId, Caseworker.UserId], conversation.ReadBy(first).Select(p => p.UserId));
        Assert.Equal([Caseworker.UserId], conversation.ReadBy(second).Select(p => p.UserId));
    }

    [Fact]
    public void A_thread_needs_a_subject_and_someone_else_and_a_message_needs_text_or_a_file_from_a_participant()
    {
        Assert.Equal("Conversation.Subject.Required", Assert.Throws<DomainException>(() => Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), " ", Clinician, [Citizen], Now)).Code);
        Assert.Equal("Conversation.Participants.Required", Assert.Throws<DomainException>(() => Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "Alene", Clinician, [Clinician], Now)).Code);
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "Emne", Clinician, [Citizen, Citizen], Now);
        Assert.Equal(2, conversation.Participants.Count);

        Assert.Equal("Conversation.Text.Required", Assert.Throws<DomainException>(() => conversation.Post(Citizen.UserId, "  ", "da", [], Limits, Now)).Code);
        Assert.Equal("Conversation.Text.TooLong", Assert.Throws<DomainException>(() => conversation.Post(Citizen.UserId, new string('a', Conversation.MaxTextLength + 1), "da", [], Limits, Now)).Code);
        Assert.Equal("Conversation.Text.InvalidCharacters", Assert.Throws<DomainException>(() => conversation.Post(Citizen.UserId, "a\u0000b", "da", [], Limits, Now)).Code);
        Assert.Equal("Conversation.Language.Format", Assert.Throws<DomainException>(() => conversation.Post(Citizen.UserId, "Hej", "Arabic", [], Limits, Now)).Code);
        Assert.Equal("Conversation.Participant.NotFound", Assert.Throws<DomainException>(() => conversation.Post(Caseworker.UserId, "Hej", "da", [], Limits, Now)).Code);
        Assert.Equal(0, conversation.MessageCount);

        var fileOnly = conversation.Post(Citizen.UserId, null, "AR ", [new AttachmentUpload("brev.pdf", Pdf)], Limits, Now);
        Assert.Null(fileOnly.Text);
        Assert.Equal("ar", fileOnly.Language);
        Assert.Equal(ParticipantKind.Citizen, fileOnly.AuthorKind);
    }

    [Theory]
    [InlineData("brev.pdf", "pdf", "brev.pdf")]
    [InlineData("../../etc/brev.pdf", "pdf", "brev.pdf")]
    [InlineData("C:\\Users\\x\\Skrivebord\\brev.PDF", "pdf", "brev.pdf")]
    [InlineData("passwd", "text", "passwd.txt")]
    [InlineData("..", "pdf", "vedhaeftning.pdf")]
    [InlineData("", "png", "vedhaeftning.png")]
    [InlineData("møde 12.3", "text", "møde 12.3.txt")]
    [InlineData("foto.jpeg", "jpeg", "foto.jpeg")]
    [InlineData("a\u0000b\u202Egpj.pdf", "pdf", "abgpj.pdf")]
    [InlineData("\"ond\";navn<>.txt", "text", "ondnavn.txt")]
    [InlineData("brev.docx", "pdf", null)]
    [InlineData("faktura.pdf", "text", null)]
    [InlineData("billede.png", "jpeg", null)]
    [InlineData("program.exe", "pdf", null)]
    public void File_names_are_made_safe_and_must_not_claim_another_type(string name, string type, string? expected)
    {
        var attachmentType = type switch
        {
            "pdf" => AttachmentTypes.Pdf,
            "png" => AttachmentTypes.Png,
            "jpeg" => AttachmentTypes.Jpeg,
            _ => AttachmentTypes.Text,
        };
        Assert.Equal(expected, AttachmentTypes.SafeFileName(name, attachmentType));
    }

    [Fact]
    public void The_type_is_what_the_content_is()
    {
        Assert.Same(AttachmentTypes.Pdf, AttachmentTypes.Detect(Pdf));
        Assert.Same(AttachmentTypes.Png, AttachmentTypes.Detect(Png));
        Assert.Same(AttachmentTypes.Jpeg, AttachmentTypes.Detect(Jpeg));
        Assert.Same(AttachmentTypes.Text, AttachmentTypes.Detect("Hej\r\nÆøå – مرحبا\t✓"u8));
        Assert.Same(AttachmentTypes.Text, AttachmentTypes.Detect([0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']));
        Assert.Null(AttachmentTypes.Detect([]));
        Assert.Null(AttachmentTypes.Detect([0x4D, 0x5A, 0x90, 0x00])); // a Windows program
        Assert.Null(AttachmentTypes.Detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])); // ZIP, so also DOCX
        Assert.Null(AttachmentTypes.Detect([(byte)'a', 0xC3, 0x28])); // not UTF-8
        Assert.Null(AttachmentTypes.Detect(Encoding.Latin1.GetBytes("Ærø")));
        Assert.Null(AttachmentTypes.Detect("tekst\u0001med kontroltegn"u8));
        Assert.Null(AttachmentTypes.Detect([0x89, 0x50, 0x4E, 0x47])); // a PNG signature cut short
    }

    [Fact]
    public void Attachments_are_checked_for_size_count_and_type_before_anything_is_posted()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "Filer", Clinician, [Citizen], Now);
        DomainException Refused(params AttachmentUpload[] files) => Assert.Throws<DomainException>(() => conversation.Post(Clinician.UserId, "Se her", "da", files, Limits, Now));

        Assert.Equal("Conversation.Attachment.TooLarge", Refused(new AttachmentUpload("stor.pdf", [.. Pdf, .. new byte[Limits.MaxBytes]])).Code);
        Assert.Equal("Conversation.Attachment.Empty", Refused(new AttachmentUpload("tom.txt", [])).Code);
        Assert.Equal("Conversation.Attachment.Type", Refused(new AttachmentUpload("ok.pdf", Pdf), new AttachmentUpload("virus.pdf", [0x4D, 0x5A, 0x90, 0x00])).Code);
        Assert.Equal("Conversation.Attachment.TypeMismatch", Refused(new AttachmentUpload("side.html", "<b>hej</b>"u8.ToArray())).Code);
        Assert.Equal("Conversation.Attachment.TooMany", Refused(Enumerable.Range(0, 4).Select(i => new AttachmentUpload($"{i}.pdf", Pdf)).ToArray()).Code);
        Assert.Equal(0, conversation.MessageCount);

        var message = conversation.Post(Clinician.UserId, "Se her", "da", [new AttachmentUpload("../brev.pdf", Pdf), new AttachmentUpload("skærm", Png)], Limits, Now);
        Assert.Equal(["brev.pdf", "skærm.png"], message.Attachments.Select(a => a.FileName));
        Assert.Equal(["application/pdf", "image/png"], message.Attachments.Select(a => a.ContentType));
        Assert.Equal(Pdf, message.Attachments[0].Content!.Bytes);
        Assert.Equal(64, message.Attachments[0].Sha256.Length);
    }
}
