using Samspil.Domain.Directory;
using Samspil.Domain.Frames;

namespace Samspil.Features.Frames;

public sealed record FrameView(OrganizationKind Kind, IReadOnlyList<FrameLaw> Laws, IReadOnlyList<FrameDeadline> Deadlines, IReadOnlyList<FrameMethod> Methods, int Version)
{
    public static FrameView From(ActorFrame f) => new(f.Kind, f.Laws.ToList(), f.Deadlines.ToList(), f.Methods.ToList(), f.Version);
}

/// <summary>PUT body: the frame's whole content (laws, deadlines, methods); lists left out are emptied.</summary>
public sealed record FrameRequest(IReadOnlyList<FrameLaw?>? Laws, IReadOnlyList<FrameDeadline?>? Deadlines, IReadOnlyList<FrameMethod?>? Methods)
{
    public FrameContent ToContent() => new(Laws, Deadlines, Methods);
}
