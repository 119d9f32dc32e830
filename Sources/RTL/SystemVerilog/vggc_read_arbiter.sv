// Shares the memory's read channel between fetch (id 0) and the load unit (id 1): the load unit
// has priority; a granted request carries its client's id, which the memory echoes with the data
// and which routes the response back. (The store unit has the write channel to itself.)
module vggc_read_arbiter (
    input  logic [1:0]      client_valid,
    output logic [1:0]      client_ready,
    input  logic [2*40-1:0] client_address,
    output logic [1:0]      client_response,
    output logic            memory_read_valid,
    input  logic            memory_read_ready,
    output logic [39:0]     memory_read_address,
    output logic            memory_read_id,
    input  logic            memory_read_response_valid,
    input  logic            memory_read_response_id
);
  logic granted;

  assign granted = client_valid[1];
  assign memory_read_valid = |client_valid;
  assign memory_read_address = granted ? client_address[40+:40] : client_address[0+:40];
  assign memory_read_id = granted;
  assign client_ready = {granted && memory_read_ready, !granted && memory_read_ready};
  assign client_response = {memory_read_response_valid && memory_read_response_id,
                            memory_read_response_valid && !memory_read_response_id};
endmodule
