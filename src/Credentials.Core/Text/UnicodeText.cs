namespace Credentials.Text;

/// <summary>
/// The one place that decides which text the library accepts where text is stored, logged or hashed (names,
/// permissions, owner ids, subjects, usernames, passwords). Control characters forge log lines; an unpaired surrogate
/// has no UTF-8 encoding, so a durable store would change it and two different strings would hash alike.
/// </summary>
internal static class UnicodeText
{
    /// <summary>True when every surrogate is paired, so the text has exactly one UTF-8 encoding.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the text is well-formed and holds no control character (C0, DEL or C1); tabs and line breaks are
    /// allowed only when <paramref name="allowTabsAndLineBreaks"/> is set (JSON text, for one).
    /// </summary>
    public static bool IsPrintable(ReadOnlySpan<char> text, bool allowTabsAndLineBreaks = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c) && !(allowTabsAndLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return false;
            }
        }

        return IsWellFormed(text);
    }

    /// <summary>Unicode's Control category: U+0000 to U+001F, U+007F to U+009F.</summary>
    private static bool IsControl(char c) => c <= '\u001f' || c is >= '\u007f' and <= '\u009f';
}
