/**
 * Network namespaces: finding every one on the host ({@link
 * io.sockwarden.linux.netns.NetnsDiscovery}), naming it after what runs in it ({@link
 * io.sockwarden.linux.netns.ContainerCgroups}), and running code inside one from a dedicated thread
 * with {@code setns(2)} ({@link io.sockwarden.linux.netns.NamespaceThread}).
 */
package io.sockwarden.linux.netns;
