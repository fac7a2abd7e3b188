using Distill.Content;

namespace Distill.Tests.Content;

public class AccountsTests
{
    [Fact]
    public void FormatPasswd_ListsDistrolessUsers()
    {
        Assert.Equal(
            "root:x:0:0:root:/root:/sbin/nologin\n" +
            "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
            "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
            Accounts.FormatPasswd(Accounts.Users));
    }

    [Fact]
    public void FormatGroup_ListsDistrolessGroups()
    {
        Assert.Equal(
            "root:x:0:\ntty:x:5:\nstaff:x:50:\nnobody:x:65534:\nnonroot:x:65532:\n",
            Accounts.FormatGroup(Accounts.Groups));
    }
}
