namespace Backend.Local.Gateway.Authorizers;

/// <summary>
/// IAM's wildcard matching of Action and Resource values: <c>*</c> stands for any run of characters (slashes and colons
/// included) and <c>?</c> for exactly one ("IAM JSON policy elements: Resource": "You can use wildcard characters (*
/// and ?) within any ARN segment"). Actions compare without regard to case, resources with it.
/// </summary>
public static class IamPolicyMatch
{
    public static bool Matches(string pattern, string value, bool ignoreCase = false)
    {
        if (ignoreCase)
        {
            pattern = pattern.ToLowerInvariant();
            value = value.ToLowerInvariant();
        }
        // Greedy match with one backtrack point per '*': linear in practice, no regex to escape.
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
