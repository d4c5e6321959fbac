using ChurnOps.Training.Splits;

namespace ChurnOps.Training.Tests.Splits;

public sealed class StratifiedSplitterTests
{
    private static readonly bool[] Labels = Enumerable.Range(0, 1000).Select(i => i % 5 == 0).ToArray();
    private static readonly int[] Rows = Enumerable.Range(0, 1000).ToArray();

    [Fact]
    public void Split_KeepsClassRatioInEveryPartAndCoversAllRowsOnce()
    {
        var (train, validation, test) = StratifiedSplitter.Split(Rows, Labels, 0.2, 0.2, seed: 1);

        Assert.Equal(Rows, train.Concat(validation).Concat(test).Order());
        Assert.Equal(40, test.Count(r => Labels[r]));
        Assert.Equal(200, test.Length);
        Assert.Equal(40, validation.Count(r => Labels[r]));
        Assert.Equal(120, train.Count(r => Labels[r]));
        Assert.Equal(600, train.Length);
    }

    [Fact]
    public void Split_SameSeed_SameSplit_DifferentSeed_DifferentSplit()
    {
        var a = StratifiedSplitter.Split(Rows, Labels, 0.2, 0.2, seed: 1);
        var b = StratifiedSplitter.Split(Rows, Labels, 0.2, 0.2, seed: 1);
        var c = StratifiedSplitter.Split(Rows, Labels, 0.2, 0.2, seed: 2);

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test.Order(), c.Test.Order());
    }

    [Fact]
    public void Folds_AreDisjointStratifiedAndCoverTheRows()
    {
        var folds = StratifiedSplitter.Folds(Rows, Labels, k: 4, seed: 3);

        Assert.Equal(4, folds.Count);
        Assert.Equal(Rows, folds.SelectMany(f => f.Holdout).Order());
        Assert.All(folds, f =>
        {
            Assert.Equal(50, f.Holdout.Count(r => Labels[r]));
            Assert.Equal(250, f.Holdout.Length);
            Assert.Empty(f.Train.Intersect(f.Holdout));
            Assert.Equal(750, f.Train.Length);
        });
    }
}
