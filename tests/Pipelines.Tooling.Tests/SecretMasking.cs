using Pipelines.Tooling;

namespace Pipelines.Tooling.Tests;

public class SecretMasking
{
    [Fact]
    public void Redacts_every_registered_value_and_its_encodings()
    {
        var masker = new SecretMasker();
        masker.Add("p@ss word/1");

        var text = "raw=p@ss word/1 url=" + Uri.EscapeDataString("p@ss word/1") + " b64=" +
                   Convert.ToBase64String("p@ss word/1"u8.ToArray());

        Assert.Equal("raw=*** url=*** b64=***", masker.Redact(text));
    }

    [Fact]
    public void Longer_secrets_are_masked_before_their_substrings()
    {
        var masker = new SecretMasker();
        masker.Add("abcd");
        masker.Add("abcdefgh");

        Assert.Equal("x *** y", masker.Redact("x abcdefgh y"));
    }

    [Fact]
    public void Ignores_empty_and_very_short_values()
    {
        var masker = new SecretMasker();
        masker.Add(null);
        masker.Add("");
        masker.Add("abc");

        Assert.Equal("abc def", masker.Redact("abc def"));
        Assert.Empty(masker.Values);
    }

    [Fact]
    public void A_secret_split_across_writes_on_one_line_is_still_masked()
    {
        var masker = new SecretMasker();
        masker.Add("s3cr3t-token");
        var inner = new StringWriter();
        using (var writer = new RedactingTextWriter(inner, masker))
        {
            writer.Write("token: s3cr");
            writer.Write("3t-tok");
            writer.Write('e');
            writer.WriteLine("n end");
            writer.Write("tail s3cr3t-token");
        }

        Assert.Equal("token: *** end\ntail ***", inner.ToString());
    }
}
