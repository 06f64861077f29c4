"""Which K/V head each query head reads: grouped-query attention's sharing, for the views to draw.

The decoder stacks the query heads that share a K/V head along the row axis
(:func:`kvviz.core.model.attention`): head ``h`` reads K/V head ``h // (n_heads // n_kv_heads)``.
MHA (one K/V head per query head) and MQA (one for all) are the two ends of the same picture.
"""

from __future__ import annotations

from kvviz.i18n import translate


def kv_head_of(head: int, n_heads: int, n_kv_heads: int) -> int:
    """The K/V head query head ``head`` reads."""
    return head // (n_heads // n_kv_heads)


def head_groups(n_heads: int, n_kv_heads: int) -> tuple[tuple[int, ...], ...]:
    """The query heads reading each K/V head, in K/V head order."""
    group = n_heads // n_kv_heads
    return tuple(tuple(range(k * group, (k + 1) * group)) for k in range(n_kv_heads))


def head_label(head: int, n_heads: int, n_kv_heads: int) -> str:
    """ "head 2 · K/V 1": what the head selector lists."""
    return translate("head_sharing", "head {head} · K/V {kv}").format(
        head=head, kv=kv_head_of(head, n_heads, n_kv_heads)
    )


def sharing_caption(n_heads: int, n_kv_heads: int) -> str:
    """The attention kind in a few words: "GQA: 2 query heads per K/V head"."""
    if n_kv_heads == n_heads:
        return translate("head_sharing", "MHA: a K/V head per query head")
    if n_kv_heads == 1:
        return translate("head_sharing", "MQA: one K/V head for all {n}").format(n=n_heads)
    return translate("head_sharing", "GQA: {n} query heads per K/V head").format(n=n_heads // n_kv_heads)
