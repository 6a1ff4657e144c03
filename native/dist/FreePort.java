/** Prints a TCP port that is free on the loopback interface right now (used by build-dist.sh's serve training). */
public class FreePort {
    public static void main(String[] args) throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
