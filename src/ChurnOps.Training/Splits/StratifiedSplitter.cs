namespace ChurnOps.Training.Splits;

/// <summary>
/// Hand-written stratified splits (ML.NET's splits are not stratified): each class is shuffled with the run's seed and cut
/// in the same proportions, so every split and fold keeps the overall positive rate.
/// </summary>
internal static class StratifiedSplitter
{
    public static (int[] Train, int[] Validation, int[] Test) Split(IReadOnlyList<int> rows, IReadOnlyList<bool> labels, double validationFraction, double testFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        foreach (var cls in new[] { true, false })
        {
            var members = Shuffled(rows.Where(r => labels[r] == cls).ToArray(), random);
            var nTest = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            var nValidation = (int)Math.Round(members.Length * validationFraction, MidpointRounding.AwayFromZero);
            test.AddRange(members.Take(nTest));
            validation.AddRange(members.Skip(nTest).Take(nValidation));
            train.AddRange(members.Skip(nTest + nValidation));
        }

        // Interleave the classes again so trainers that read in order see a mixed stream.
        return (Shuffled([.. train], random), Shuffled([.. validation], random), Shuffled([.. test], random));
    }

    /// <summary>K stratified folds over <paramref name="rows"/>: fold i is the held-out part of the i-th (train, holdout) pair.</summary>
    public static IReadOnlyList<(int[] Train, int[] Holdout)> Folds(IReadOnlyList<int> rows, IReadOnlyList<bool> labels, int k, int seed)
    {
        var random = new Random(seed);
        var assignment = new List<int>[k];
        for (var i = 0; i < k; i++)
        {
            assignment[i] = [];
        }

        var next = 0;
        foreach (var cls in new[] { true, false })
        {
            foreach (var row in Shuffled(rows.Where(r => labels[r] == cls).ToArray(), random))
            {
                assignment[next].Add(row);
                next = (next + 1) % k;
            }
        }

        var folds = new List<(int[], int[])>(k);
        for (var i = 0; i < k; i++)
        {
            var holdout = assignment[i].ToArray();
            var train = Enumerable.Range(0, k).Where(j => j != i).SelectMany(j => assignment[j]).ToArray();
            folds.Add((Shuffled(train, random), holdout));
        }

        return folds;
    }

    private static int[] Shuffled(int[] items, Random random)
    {
        random.Shuffle(items);
        return items;
    }
}
