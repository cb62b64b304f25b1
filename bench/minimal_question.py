"""The yardstick for `start`: the smallest questionary app that asks one question,
the same first question with the same six choices."""

import questionary

answer = questionary.select(
    "哪个钱包或支付服务出了问题？",
    choices=["支付宝", "微信支付", "京东支付", "Apple Pay", "云闪付", "tpWallet"],
).ask()
print(answer)
