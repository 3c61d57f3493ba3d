using System.Xml.Linq;
using Samspil.Domain.Notifications;

namespace Samspil.IntegrationTests.Notifications;

/// <summary>The inbox shows every kind of notice by a text of its own, in Danish and English (keys built from the enum, so the literal-key test cannot see them).</summary>
public sealed class NotificationTextTests
{
    [Fact]
    public void Every_kind_of_notice_and_every_e_mail_choice_has_a_Danish_and_an_English_text()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Samspil/Resources"));
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = XDocument.Load(Path.Combine(root, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            Assert.All(Enum.GetNames<NotificationKind>(), kind => Assert.Contains("Notification.Kind." + kind, keys));
            Assert.All(Enum.GetNames<NotificationEmailMode>(), mode => Assert.Contains("Enum.NotificationEmailMode." + mode, keys));
        }
    }
}
