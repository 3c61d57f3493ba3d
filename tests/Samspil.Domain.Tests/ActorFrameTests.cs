using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;

namespace Samspil.Domain.Tests;

public sealed class ActorFrameTests
{
    [Fact]
    public void A_deadline_keeps_its_structure_and_converts_to_days()
    {
        var frame = ActorFrame.Create(OrganizationKind.JobCentre, new FrameContent(
            [new FrameLaw("Lov om sygedagpenge", "Sygedagpengeloven")],
            [new FrameDeadline("Første opfølgningssamtale", null, DeadlineType.Within, 8, DeadlineUnit.Weeks, "første fraværsdag", "Lov om sygedagpenge"),
             new FrameDeadline("Handleplan", null, DeadlineType.Ongoing, 5, DeadlineUnit.Days, null, "Serviceloven § 141")],
            null));
        Assert.Equal(56, frame.Deadlines[0].Days);
        Assert.Null(frame.Deadlines[1].Amount); // an ongoing duty has no interval, whatever was sent
        Assert.Null(frame.Deadlines[1].Days);
        Assert.Empty(frame.Methods);
    }

    [Theory]
    [InlineData(0, DeadlineUnit.Days, "deadlines[0].amount")]
    [InlineData(3651, DeadlineUnit.Days, "deadlines[0].amount")]
    [InlineData(4, (DeadlineUnit)9, "deadlines[0].unit")]
    public void An_impossible_interval_is_refused_with_the_field(int amount, DeadlineUnit unit, string field)
    {
        var e = Assert.Throws<DomainException>(() => ActorFrame.Create(OrganizationKind.JobCentre, new FrameContent(null, [new FrameDeadline("X", null, DeadlineType.Every, amount, unit, null, "Y")], null)));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_link_must_be_a_web_address()
    {
        var e = Assert.Throws<DomainException>(() => ActorFrame.Create(OrganizationKind.GpClinic, new FrameContent([new FrameLaw("Lov", "Ref", "javascript:alert(1)")], null, null)));
        Assert.Equal("laws[0].url", e.Field);
    }
}
