package io.sockwarden.linux.sockets;

/** Receives the sockets of one dump, one at a time. */
@FunctionalInterface
public interface SocketVisitor {
  /** Called once per socket. {@code socket} is a reused flyweight: copy what you keep. */
  void visit(TcpSocket socket);
}
