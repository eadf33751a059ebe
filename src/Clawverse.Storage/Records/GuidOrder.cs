namespace Clawverse.Storage.Records;

/// <summary>Orders Guids as their lowercase text does, which is how both engines order the stored ids.</summary>
public sealed class GuidOrder : IComparer<Guid>
{
    public static readonly GuidOrder Instance = new();

    public int Compare(Guid x, Guid y) => string.CompareOrdinal(x.ToString(), y.ToString());
}
