namespace Backend.Template;

/// <summary>A template construct we cannot read or serve; the message names it.</summary>
public sealed class TemplateException(string message) : Exception(message);
