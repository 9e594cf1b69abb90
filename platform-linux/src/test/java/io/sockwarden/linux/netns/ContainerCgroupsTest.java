package io.sockwarden.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.linux.netns.ContainerCgroups.Container;
import io.sockwarden.model.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCgroupsTest {
  static final String ID = "3f2a9c1b7e4d" + "0".repeat(52);
  @TempDir Path root;

  @Test
  void dockerWithTheSystemdAndCgroupfsDrivers() {
    assertThat(ContainerCgroups.parse(List.of("0::/system.slice/docker-" + ID + ".scope")))
        .contains(new Container("docker", ID, Optional.empty()));
    assertThat(
            ContainerCgroups.parse(
                List.of("12:pids:/docker/" + ID, "1:name=systemd:/docker/" + ID, "0::/")))
        .contains(new Container("docker", ID, Optional.empty()));
  }

  @Test
  void kubernetesPodsUnderContainerdAndCrio() {
    String uid = "0b2c4e6f-1111-2222-3333-444455556666";
    assertThat(
            ContainerCgroups.parse(
                List.of(
                    "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                        + uid.replace('-', '_')
                        + ".slice/cri-containerd-"
                        + ID
                        + ".scope")))
        .contains(new Container("k8s", ID, Optional.of(uid)));
    assertThat(
            ContainerCgroups.parse(List.of("4:memory:/kubepods/besteffort/pod" + uid + "/" + ID)))
        .contains(new Container("k8s", ID, Optional.of(uid)));
    assertThat(
            ContainerCgroups.fromPath(
                "/kubepods.slice/kubepods-pod"
                    + uid.replace('-', '_')
                    + ".slice/crio-"
                    + ID
                    + ".scope"))
        .map(Container::runtime)
        .contains("k8s");
  }

  @Test
  void podmanAndNspawn() {
    assertThat(
            ContainerCgroups.parse(
                List.of(
                    "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-"
                        + ID
                        + ".scope/container")))
        .contains(new Container("podman", ID, Optional.empty()));
    assertThat(
            ContainerCgroups.parse(
                List.of("0::/machine.slice/systemd-nspawn@build\\x2dbox.service/payload")))
        .contains(new Container("nspawn", "build-box", Optional.empty()));
    assertThat(ContainerCgroups.parse(List.of("0::/machine.slice/machine-web.scope/payload")))
        .contains(new Container("nspawn", "web", Optional.empty()));
  }

  @Test
  void ordinaryServicesAndSessionsAreNoContainers() {
    assertThat(ContainerCgroups.parse(List.of("0::/system.slice/nginx.service"))).isEmpty();
    assertThat(ContainerCgroups.parse(List.of("0::/user.slice/user-0.slice/session-3.scope")))
        .isEmpty();
    assertThat(ContainerCgroups.parse(List.of("0::/", "garbage"))).isEmpty();
    assertThat(ContainerCgroups.parse(List.of("0::/kubepods.slice/kubepods-besteffort.slice")))
        .isEmpty();
  }

  @Test
  void labelsUseTheRuntimesNamesWhenItsFilesGiveThem() throws Exception {
    Container docker = new Container("docker", ID, Optional.empty());
    assertThat(ContainerCgroups.label(docker, root)).isEqualTo("docker:3f2a9c1b7e4d");
    Path config = root.resolve("var/lib/docker/containers/" + ID + "/config.v2.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"ID\":\"" + ID + "\",\"Name\":\"/web-1\",\"State\":{}}");
    assertThat(ContainerCgroups.label(docker, root)).isEqualTo("docker:web-1");

    Container pod = new Container("k8s", ID, Optional.empty());
    Path bundle =
        root.resolve("run/containerd/io.containerd.runtime.v2.task/k8s.io/" + ID + "/config.json");
    Files.createDirectories(bundle.getParent());
    Files.writeString(
        bundle,
        "{\"annotations\":{\"io.kubernetes.cri.sandbox-name\":\"api-7d9f\","
            + "\"io.kubernetes.cri.sandbox-namespace\":\"shop\"}}");
    assertThat(ContainerCgroups.label(pod, root)).isEqualTo("k8s:shop/api-7d9f");
    assertThat(ContainerCgroups.label(new Container("nspawn", "web", Optional.empty()), root))
        .isEqualTo("nspawn:web");
  }

  @Test
  void discoveryOfAFixtureProcTreeGroupsPidsByInodeAndLabelsThem() throws Exception {
    Path proc = root.resolve("proc");
    process(proc, 1, "systemd", "0::/init.scope", 4026531840L);
    process(proc, 77, "sshd", "0::/system.slice/ssh.service", 4026531840L);
    process(proc, 900, "nginx", "0::/system.slice/docker-" + ID + ".scope", 4026532500L);
    process(proc, 901, "nginx", "0::/system.slice/docker-" + ID + ".scope", 4026532500L);
    process(proc, 1200, "sleep", "0::/user.slice/session-1.scope", 4026532600L);
    Files.createDirectories(proc.resolve("self/ns"));
    Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of("net:[4026531840]"));

    List<NetworkNamespace> all = NetnsDiscovery.discover(proc, root);
    assertThat(all)
        .extracting(NetworkNamespace::label)
        .containsExactly("host", "docker:3f2a9c1b7e4d", "sleep[1200]");
    assertThat(all.get(0).pids()).containsExactly(1, 77);
    assertThat(all.get(1).pids()).containsExactly(900, 901);
    assertThat(all.get(1).containerId()).contains(ID);
    assertThat(all.get(1).entry()).isEqualTo(proc.resolve("900/ns/net").toString());
    assertThat(all.get(2).kind()).isEqualTo(NetworkNamespace.Kind.PROCESS);
    assertThat(all.get(1).matches("docker:3f2a9c1b7e4d")).isTrue();
    assertThat(all.get(1).matches("4026532500")).isTrue();
    assertThat(all.get(1).matches("net:[4026532500]")).isTrue();
  }

  private static void process(Path proc, int pid, String comm, String cgroup, long netns)
      throws Exception {
    Path dir = Files.createDirectories(proc.resolve(pid + "/ns"));
    Files.createSymbolicLink(dir.resolve("net"), Path.of("net:[" + netns + "]"));
    Files.writeString(proc.resolve(pid + "/comm"), comm + "\n");
    Files.writeString(proc.resolve(pid + "/cgroup"), cgroup + "\n");
  }
}
