namespace Backend.Books;

/// <summary>
/// ISBN-10 and ISBN-13 with their check digits. Hyphens and spaces are how people write ISBNs
/// ("0-306-40615-2", "978 0 306 40615 7"), so they are accepted and removed: a book's isbn is stored and
/// returned as its bare digits (an ISBN-10 check digit of ten as upper-case X), so the same ISBN always reads
/// the same and an author filter or a client comparison needs no normalising of its own.
/// </summary>
public static class Isbn
{
    public const string Rule = "isbn must be an ISBN-10 or ISBN-13 with a valid check digit (hyphens and spaces are allowed)";

    public static bool TryNormalize(string? text, out string isbn)
    {
        isbn = "";
        if (text is null || text.Length > 32) return false;
        var bare = new string(text.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        var valid = bare.Length switch
        {
            10 => IsValid10(bare),
            13 => IsValid13(bare),
            _ => false,
        };
        if (valid) isbn = bare;
        return valid;
    }

    /// <summary>Weights 10 down to 1; the sum is a multiple of 11. Only the last character may be X (ten).</summary>
    private static bool IsValid10(string s)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            int digit = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                'X' when i == 9 => 10,
                _ => -1,
            };
            if (digit < 0) return false;
            sum += (10 - i) * digit;
        }
        return sum % 11 == 0;
    }

    /// <summary>Weights 1, 3, 1, 3, …; the sum is a multiple of 10.</summary>
    private static bool IsValid13(string s)
    {
        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            if (s[i] is < '0' or > '9') return false;
            sum += (i % 2 == 0 ? 1 : 3) * (s[i] - '0');
        }
        return sum % 10 == 0;
    }
}
