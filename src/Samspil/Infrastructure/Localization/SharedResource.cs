namespace Samspil;

/// <summary>
/// Marker for the shared string table in Resources/SharedResource(.en).resx. Danish is the neutral
/// culture. It sits in the root namespace so the resource name is simply Samspil.Resources.SharedResource.
/// </summary>
public sealed class SharedResource;
