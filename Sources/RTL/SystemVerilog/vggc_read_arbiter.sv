// Shares the memory's read channel between fetch (id 0) and the load unit (id 1): the load unit
// has priority, for all the ports of a cycle; a granted request carries its client's id, which the
// memory echoes with the data and which routes the response back. (The store unit has the write
// channel to itself.) Each client's valid, ready and response bits are one per memory port.
module vggc_read_arbiter (
    input  logic [2*vggc_config_pkg::DRAM_PORTS-1:0]    client_valid,
    output logic [2*vggc_config_pkg::DRAM_PORTS-1:0]    client_ready,
    input  logic [2*vggc_config_pkg::DRAM_PORTS*40-1:0] client_address,
    output logic [2*vggc_config_pkg::DRAM_PORTS-1:0]    client_response,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_valid,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_ready,
    output logic [vggc_config_pkg::DRAM_PORTS*40-1:0]   memory_read_address,
    output logic                                        memory_read_id,
    input  logic [vggc_config_pkg::DRAM_PORTS-1:0]      memory_read_response_valid,
    input  logic                                        memory_read_response_id
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  logic granted;

  assign granted = |client_valid[PORTS+:PORTS];
  assign memory_read_valid = granted ? client_valid[PORTS+:PORTS] : client_valid[0+:PORTS];
  assign memory_read_address = granted ? client_address[PORTS*40+:PORTS*40] : client_address[0+:PORTS*40];
  assign memory_read_id = granted;
  assign client_ready = {memory_read_ready & {PORTS{granted}}, memory_read_ready & {PORTS{!granted}}};
  assign client_response = {memory_read_response_valid & {PORTS{memory_read_response_id}},
                            memory_read_response_valid & {PORTS{!memory_read_response_id}}};
endmodule
