namespace Astrolabe.Nn.Tests.Layers.Residual;

public class ResidualBlockTests
{
    [Fact]
    public void Parameters_follow_torchvision_names()
    {
        Assert.Equal(["conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias"],
            new ResidualBlock(4, 4, rng: new Rng(1)).NamedParameters().Select(p => p.Name));
        var projected = new ResidualBlock(4, 8, 2, new Rng(1));
        Assert.Equal(["downsample.0.weight", "downsample.1.weight", "downsample.1.bias"], projected.NamedParameters().Skip(6).Select(p => p.Name));
        Assert.Equal([2, 8, 3, 3], projected.Forward(Tensor.Randn(new Rng(2), 2, 4, 6, 5)).Shape);
    }

    [Fact]
    public void Wrong_input_is_named()
    {
        var block = new ResidualBlock(4, 4, rng: new Rng(1)) { Name = "block" };
        Assert.Contains("block", Assert.Throws<ArgumentException>(() => block.Forward(Tensor.Zeros(2, 4, 5))).Message, StringComparison.Ordinal);
        Assert.Contains("channels", Assert.Throws<ArgumentException>(() => block.Forward(Tensor.Zeros(1, 3, 5, 5))).Message, StringComparison.Ordinal);
    }

    // No finite-difference check of the whole block: its batch-normalised ReLU inputs crowd around the kink at 0, so
    // central differences cross it for most seeds. Its gradients are checked against PyTorch by the reference replay
    // (residual_block_*.json), and each op it is made of has its own finite-difference check.
}
