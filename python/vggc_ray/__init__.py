"""Fan `vggc eval --shard I/N` and `vggc explore --shard I/N` out to a Ray cluster and merge the shards with `vggc merge`."""
