namespace Credentials.AspNetCore.Authentication;

/// <summary>Why no usable credential was found in a request that carried one.</summary>
internal enum LocateFailure
{
    /// <summary>More than one credential (header and query, or a repeated parameter): refused rather than guessed.</summary>
    Ambiguous = 1,

    /// <summary>The text has the shape of no credential kind, or of one this scheme does not accept.</summary>
    UnrecognisedShape = 2,

    /// <summary>The credential kind is not allowed in the query string, or sits in the wrong parameter.</summary>
    TransportNotAllowed = 3,
}
