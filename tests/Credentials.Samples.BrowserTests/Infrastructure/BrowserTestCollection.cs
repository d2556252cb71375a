namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>
/// Every browser test class shares one sample host and runs one after the other: each class has its own browser, and
/// two browsers at once would only compete for a shared machine's cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestCollection : ICollectionFixture<SampleSite>
{
    public const string Name = "browser";
}
