using System.Buffers.Text;
using System.Text;

namespace Backend.Books.Tests;

/// <summary>The small value types: ULIDs, ISBNs, entity tags and page tokens.</summary>
public sealed class ValueTests
{
    [Fact]
    public void A_new_ulid_is_26_canonical_characters_that_sort_by_time()
    {
        var earlier = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var later = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001));

        Assert.Equal(26, earlier.Value.Length);
        Assert.Matches("^[0-7][0-9A-HJKMNP-TV-Z]{25}$", earlier.Value);
        Assert.True(string.CompareOrdinal(earlier.Value, later.Value) < 0);
        Assert.Equal(1_700_000_000_000, earlier.Time.ToUnixTimeMilliseconds());
        Assert.True(Ulid.TryParse(earlier.Value, out var parsed));
        Assert.Equal(earlier, parsed);
    }

    [Fact]
    public void The_specs_example_encodes_as_given()
    {
        // Time 1469918176385 is 01ARYZ6S41 (the ULID specification's example); all-ones randomness is ZZZ….
        var ulid = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385), Enumerable.Repeat((byte)0xFF, 10).ToArray());

        Assert.Equal("01ARYZ6S41ZZZZZZZZZZZZZZZZ", ulid.Value);
    }

    [Theory]
    [InlineData("01arz3ndektsv4rrffq69g5fav", "01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public void Ulids_parse_to_their_canonical_form(string text, string canonical)
    {
        Assert.True(Ulid.TryParse(text, out var ulid));
        Assert.Equal(canonical, ulid.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAVV")]
    [InlineData("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAI")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAL")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAO")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5-AV")]
    [InlineData("not-a-ulid")]
    public void Anything_else_is_not_a_ulid(string text) => Assert.False(Ulid.TryParse(text, out _));

    [Theory]
    [InlineData("0-306-40615-2", "0306406152")]
    [InlineData("0306406152", "0306406152")]
    [InlineData("978-0-306-40615-7", "9780306406157")]
    [InlineData("978 0 306 40615 7", "9780306406157")]
    [InlineData("0-8044-2957-x", "080442957X")]
    [InlineData("9780262510875", "9780262510875")]
    public void Valid_isbns_are_kept_as_bare_digits(string text, string bare)
    {
        Assert.True(Isbn.TryNormalize(text, out var isbn));
        Assert.Equal(bare, isbn);
    }

    [Theory]
    [InlineData("0-306-40615-3")]
    [InlineData("978-0-306-40615-8")]
    [InlineData("X306406152")]
    [InlineData("030640615")]
    [InlineData("97803064061570")]
    [InlineData("978-0-306-4061X-7")]
    [InlineData("0_306_40615_2")]
    [InlineData("")]
    public void Invalid_isbns_are_refused(string text) => Assert.False(Isbn.TryNormalize(text, out _));

    [Fact]
    public void If_match_is_strong_and_if_none_match_is_weak()
    {
        Assert.Equal("\"3\"", EntityTags.Of(3));
        Assert.Null(EntityTags.ReadIfMatch(null));
        Assert.True(EntityTags.ReadIfMatch("*")!.Any);
        Assert.Equal([2L, 3L], EntityTags.ReadIfMatch("\"2\", \"3\"")!.Versions);
        Assert.Empty(EntityTags.ReadIfMatch("W/\"3\", \"x\", 3")!.Versions);
        Assert.True(EntityTags.NoneMatchHolds("W/\"3\"", 3));
        Assert.True(EntityTags.NoneMatchHolds("\"1\", \"3\"", 3));
        Assert.True(EntityTags.NoneMatchHolds("*", 3));
        Assert.False(EntityTags.NoneMatchHolds("\"2\"", 3));
        Assert.False(EntityTags.NoneMatchHolds(null, 3));
    }

    [Fact]
    public void A_page_token_round_trips()
    {
        var id = Ulid.New(DateTimeOffset.UtcNow);

        var token = PageToken.Encode(id);

        Assert.Equal(id, PageToken.Decode(token));
        Assert.Equal($$"""{"id":"{{id.Value}}"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("e30")]
    [InlineData("bm90IGpzb24")]
    public void A_corrupt_page_token_is_refused(string token)
    {
        var refused = Assert.Throws<BooksException>(() => PageToken.Decode(token));
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(PageToken.Refused, refused.Message);
    }
}
