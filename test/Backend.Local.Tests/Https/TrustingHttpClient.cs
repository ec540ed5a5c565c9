using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Backend.Local.Tests.Https;

/// <summary>
/// A client that trusts one certificate as its only root, and still checks the name: what `curl --cacert` does.
/// Never a blanket "accept anything": a test through it proves the emulator serves that certificate for that name.
/// </summary>
internal static class TrustingHttpClient
{
    public static HttpClient For(X509Certificate2 anchor, Uri? baseAddress = null) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
        {
            if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(presented);
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };
}
