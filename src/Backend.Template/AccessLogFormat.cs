namespace Backend.Template;

/// <summary>
/// A stage's access log format (SAM's AccessLogSetting.Format on an Api, AccessLogSettings.Format on an HttpApi),
/// parsed once when the template is read: the text between variables, and each <c>$context.name</c> the format names.
/// A request's line is its parts concatenated, each variable replaced by its value as API Gateway writes it (raw: a
/// JSON format's quotes are the format's own).
/// </summary>
public sealed record AccessLogFormat(string Text, IReadOnlyList<AccessLogPart> Parts)
{
    private const string Prefix = "$context.";

    /// <summary>
    /// Parses and checks a format as API Gateway checks it when the stage is deployed: one line (the access log
    /// format "cannot have any line breaks"), the request id in it ("To preserve uniqueness of each log, access log
    /// format must include $context.requestId"; a REST API also takes $context.extendedRequestId instead), and only
    /// variables API Gateway documents for that kind of API: an unsupported one is refused at deployment
    /// (API Gateway Developer Guide, "Set up CloudWatch logging for REST APIs", "Customize HTTP API access logs").
    /// </summary>
    public static AccessLogFormat Parse(string text, ApiKind kind, string where)
    {
        if (text.Length == 0) throw new TemplateException($"{where} is empty: an access log format needs at least $context.requestId");
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new TemplateException($"{where}: an access log format cannot have line breaks (API Gateway refuses it)");
        var parts = new List<AccessLogPart>();
        var literalStart = 0;
        var at = 0;
        while ((at = text.IndexOf(Prefix, at, StringComparison.Ordinal)) >= 0)
        {
            var end = NameEnd(text, at + Prefix.Length);
            if (end == at + Prefix.Length)
            {
                at += Prefix.Length;
                continue;
            }
            var name = text[(at + Prefix.Length)..end];
            if (!AccessLogVariables.IsKnown(name, kind))
                throw new TemplateException($"{where}: $context.{name} is not an access log variable of {(kind == ApiKind.Rest ? "a REST API" : "an HTTP API")} (API Gateway refuses the stage)");
            if (at > literalStart) parts.Add(AccessLogPart.Literal(text[literalStart..at]));
            parts.Add(AccessLogPart.Variable(name));
            literalStart = at = end;
        }
        if (literalStart < text.Length) parts.Add(AccessLogPart.Literal(text[literalStart..]));
        var names = parts.Where(p => p.IsVariable).Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains("requestId") && !(kind == ApiKind.Rest && names.Contains("extendedRequestId")))
            throw new TemplateException($"{where} must include $context.requestId{(kind == ApiKind.Rest ? " or $context.extendedRequestId" : "")}, as API Gateway requires");
        return new AccessLogFormat(text, parts);
    }

    /// <summary>
    /// Where a variable's name ends: dot-separated identifiers, as in <c>$context.identity.sourceIp</c>; a dot not
    /// followed by a letter or digit is text (<c>$context.status.</c> ends a sentence).
    /// </summary>
    private static int NameEnd(string text, int start)
    {
        var i = start;
        while (true)
        {
            var segmentStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
            if (i == segmentStart) return segmentStart == start ? start : segmentStart - 1;
            if (i + 1 < text.Length && text[i] == '.' && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_')) i++;
            else return i;
        }
    }
}

/// <summary>One piece of a format: text written as it is, or the name of a $context variable (without "$context.").</summary>
public readonly record struct AccessLogPart(string Text, bool IsVariable)
{
    public static AccessLogPart Literal(string text) => new(text, false);
    public static AccessLogPart Variable(string name) => new(name, true);
}
