#!/bin/sh
# Trains the family of tiny models kvviz ships (assets/), one after another, with one recipe:
# the same text, steps, schedule, seed and width; only the layers and K/V heads differ.
# Each writes its checkpoint and model card (the card quotes its own command and time).
# About 15 minutes per 4-layer model on 2 idle CPU threads, twice that for 8 layers.
#
#   scripts/train_family.sh [OUT_DIR] [THREADS]      (default: assets 2)
#
# The thread count changes no hyper-parameter, only the last bits of floating point.
set -eu
out=${1:-assets}
threads=${2:-2}
kvviz=${KVVIZ:-kvviz}

train() {  # file layers kv-heads
    "$kvviz" train --out "$out/$1" --steps 1000 --seed 0 --batch 16 --lr 0.003 --threads "$threads" \
        --layers "$2" --heads 4 --kv-heads "$3" --d-model 128 --context 256
}

train tiny-model.pt 4 2   # the default: GQA, 4 query heads sharing 2 K/V heads
train tiny-L4-kv4.pt 4 4  # MHA
train tiny-L4-kv1.pt 4 1  # MQA
train tiny-L2-kv2.pt 2 2
train tiny-L8-kv2.pt 8 2
