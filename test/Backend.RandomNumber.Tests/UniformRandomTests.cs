namespace Backend.RandomNumber.Tests;

public sealed class UniformRandomTests
{
    [Fact]
    public void Both_bounds_are_reachable_and_nothing_falls_outside()
    {
        var seen = new HashSet<long>();
        for (var i = 0; i < 20_000; i++)
        {
            var n = UniformRandom.Next(1, 100);
            Assert.InRange(n, 1, 100);
            seen.Add(n);
        }
        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public void The_distribution_is_uniform_by_a_chi_square_test()
    {
        const int draws = 60_000;
        var counts = new int[6];
        for (var i = 0; i < draws; i++) counts[UniformRandom.Next(1, 6) - 1]++;

        const double expected = draws / 6.0;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 5 degrees of freedom: a fair generator exceeds 35.9 with probability 1e-6.
        Assert.True(chiSquare < 35.9, $"chi-square {chiSquare:F1} for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void Raw_values_that_would_bias_the_result_are_drawn_again()
    {
        // 2^64 mod 3 == 1, so the raw value 0 must be rejected; 5 maps to 5 % 3 == 2.
        var raws = new Queue<ulong>([0UL, 5UL]);

        Assert.Equal(12, UniformRandom.Next(10, 12, raws.Dequeue));
        Assert.Empty(raws);
    }

    [Fact]
    public void The_whole_64_bit_range_and_negative_ranges_work()
    {
        Assert.Equal(long.MinValue, UniformRandom.Next(long.MinValue, long.MaxValue, () => 1UL << 63));
        Assert.Equal(-1, UniformRandom.Next(long.MinValue, long.MaxValue, () => ulong.MaxValue));
        for (var i = 0; i < 1000; i++) Assert.InRange(UniformRandom.Next(-5, -3), -5, -3);
        Assert.Equal(long.MaxValue, UniformRandom.Next(long.MaxValue, long.MaxValue));
    }

    [Fact]
    public void A_reversed_range_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformRandom.Next(2, 1));
}
