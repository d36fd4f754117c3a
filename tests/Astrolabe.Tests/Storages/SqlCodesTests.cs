using System.Globalization;
using System.Reflection;

namespace Astrolabe.Tests.Storages;

public sealed class SqlCodesTests
{
    [Fact]
    public void EveryTrialStateHasItsNumberAsASqlLiteralOfTheSameName()
    {
        foreach (var state in Enum.GetValues<TrialState>())
        {
            var field = typeof(SqlCodes).GetField(state.ToString(), BindingFlags.Public | BindingFlags.Static);
            Assert.True(field is not null, $"SqlCodes has no literal for {state}.");
            Assert.Equal(((int)state).ToString(CultureInfo.InvariantCulture), field.GetValue(null));
        }
    }

    [Fact]
    public void AttributeKindLiteralsAreTheStoredKinds()
    {
        Assert.Equal(SqlCodes.UserAttr, StoredAttrs.User.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(SqlCodes.SystemAttr, StoredAttrs.System.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(StoredAttrs.User, StoredAttrs.Kind(user: true));
        Assert.Equal(StoredAttrs.System, StoredAttrs.Kind(user: false));
    }

    [Fact]
    public void AnAttributeIsRefusedBeforeItIsStored()
    {
        Assert.Throws<ArgumentException>(() => StoredAttrs.Encode("", 1));
        Assert.Equal("[1,\"a\"]", StoredAttrs.Encode("k", new object[] { 1L, "a" }));
    }
}
